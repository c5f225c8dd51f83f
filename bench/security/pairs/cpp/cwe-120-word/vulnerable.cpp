#include <iostream>

int main() {
  char word[16];
  int count = 0;
  while (std::cin >> word) count++;
  std::cout << count << " words\n";
}
