#include <stdio.h>

int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 1;
  int square = n * n;
  printf("%d\n", square);
  return 0;
}
