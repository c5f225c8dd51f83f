#include <filesystem>
#include <iostream>
#include <string>

int main() {
  std::string dir;
  std::getline(std::cin, dir);
  std::error_code ec;
  for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
    std::cout << entry.path().filename().string() << "\n";
}
