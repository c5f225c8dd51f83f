#include <cstdio>
#include <iostream>
#include <string>

int main() {
  std::string dir;
  std::getline(std::cin, dir);
  std::string cmd = "ls " + dir;
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return 1;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) std::cout << buf;
  return pclose(p);
}
