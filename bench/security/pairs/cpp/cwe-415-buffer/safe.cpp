#include <iostream>
#include <memory>
#include <string>

int main() {
  std::string line;
  std::getline(std::cin, line);
  auto copy = std::make_unique<char[]>(line.size() + 1);
  line.copy(copy.get(), line.size());
  copy[line.size()] = '\0';
  std::cout << line.size() << "\n";
}
