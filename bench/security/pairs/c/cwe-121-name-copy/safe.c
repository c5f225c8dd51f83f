#include <stdio.h>
#include <string.h>

int main(void) {
  char line[512];
  if (!fgets(line, sizeof line, stdin)) return 1;
  line[strcspn(line, "\n")] = 0;
  char name[16];
  snprintf(name, sizeof name, "%s", line);
  printf("Hello, %s!\n", name);
  return 0;
}
