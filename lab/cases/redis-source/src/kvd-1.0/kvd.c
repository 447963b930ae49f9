/* kvd: a tiny key-value store, standing in for redis in the lab (no network needed to build it). */
#include <math.h>
#include <stdio.h>
#include <string.h>

struct entry { char key[32]; double value; };

int main(int argc, char **argv) {
  struct entry table[4];
  int n = 0;
  const char *keys[] = {"alpha", "beta", "gamma"};
  for (int i = 0; i < 3; i++) {
    strncpy(table[n].key, keys[i], sizeof table[n].key - 1);
    table[n].key[sizeof table[n].key - 1] = '\0';
    table[n].value = sqrt((double)(i + 2));
    n++;
  }
  printf("kvd 1.0 (%s)\n", argc > 1 ? argv[1] : "no args");
  for (int i = 0; i < n; i++) printf("GET %s -> %.4f\n", table[i].key, table[i].value);
  return 0;
}
