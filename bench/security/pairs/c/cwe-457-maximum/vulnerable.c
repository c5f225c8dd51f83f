#include <stdio.h>

int main(void) {
  int values[100];
  int n = 0, v;
  while (n < 100 && scanf("%d", &v) == 1) values[n++] = v;
  int max;
  for (int i = 0; i < n; i++)
    if (values[i] > max) max = values[i];
  printf("%d\n", max);
  return 0;
}
