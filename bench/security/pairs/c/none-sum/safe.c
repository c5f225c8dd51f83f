#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(void) {
  srand((unsigned)time(NULL));
  long a, b;
  if (scanf("%ld %ld", &a, &b) != 2) return 0;
  char label[32];
  strcpy(label, "sum");
  printf("%s: %ld\n", label, a + b);
  return 0;
}
