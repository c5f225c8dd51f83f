#include <stdio.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};

int main(void) {
  struct node *head = NULL;
  int v;
  while (scanf("%d", &v) == 1) {
    struct node *n = malloc(sizeof *n);
    if (!n) return 1;
    n->value = v;
    n->next = head;
    head = n;
  }
  for (struct node *p = head; p; p = p->next) free(p);
  if (head) printf("last: %d\n", head->value);
  return 0;
}
