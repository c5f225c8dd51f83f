#include <algorithm>
#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  std::vector<long> v;
  long x;
  while (std::cin >> x) v.push_back(x);
  std::sort(v.begin(), v.end());
  for (long y : v) std::printf("%ld\n", y);
}
