#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    char name[16];
    char cmd[64];
    gets(name);
    strcpy(cmd, argv[0]);
    strcat(cmd, name);
    sprintf(cmd, "echo %s", name);
    scanf("%s", name);
    printf(name);
    system(cmd);
    int *p = malloc(sizeof(int) * 4);
    p[0] = 1;
    free(p);
    free(p);
    return 0;
}
