#include <stdio.h>

int main(void) {
  int values[100];
  int n = 0, v;
  while (n < 100 && scanf("%d", &v) == 1) values[n++] = v;
  if (n == 0) return 0;
  int max = values[0];
  for (int i = 1; i < n; i++)
    if (values[i] > max) max = values[i];
  printf("%d\n", max);
  return 0;
}
