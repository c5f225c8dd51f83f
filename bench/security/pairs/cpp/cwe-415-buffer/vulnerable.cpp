#include <cstring>
#include <iostream>
#include <string>

int main() {
  std::string line;
  std::getline(std::cin, line);
  char *copy = new char[line.size() + 1];
  std::memcpy(copy, line.c_str(), line.size() + 1);
  if (line.size() < 4) {
    delete[] copy;
  }
  std::cout << line.size() << "\n";
  delete[] copy;
}
