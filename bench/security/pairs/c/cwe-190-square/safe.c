#include <stdio.h>

int main(void) {
  long long n;
  if (scanf("%lld", &n) != 1) return 1;
  if (n > 3037000499LL || n < -3037000499LL) {
    puts("out of range");
    return 0;
  }
  printf("%lld\n", n * n);
  return 0;
}
