#include <iostream>
#include <vector>

int main() {
  std::vector<int> primes = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
  long i;
  while (std::cin >> i) {
    if (i < 0) continue;
    std::cout << primes[i] << "\n";
  }
}
