#include <stdio.h>

int main(void) {
  int counts[10] = {0};
  int value;
  while (scanf("%d", &value) == 1) {
    if (value >= 0 && value < 10) counts[value]++;
  }
  for (int i = 0; i < 10; i++) printf("%d: %d\n", i, counts[i]);
  return 0;
}
