#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char name[128];
  if (!fgets(name, sizeof name, stdin)) return 1;
  name[strcspn(name, "\n")] = 0;
  char cmd[256];
  snprintf(cmd, sizeof cmd, "echo Hello, %s", name);
  return system(cmd);
}
