import { withEvidence } from '../evidence';
import { C_MODEL } from './c';
import { dataflow, SinkCall } from './engine';

const sinks = (src: string): Pick<SinkCall, 'name' | 'kind' | 'line' | 'tainted' | 'sourceLine'>[] =>
  dataflow(src, C_MODEL)!.sinks.map(({ name, kind, line, tainted, sourceLine }) => ({
    name,
    kind,
    line,
    tainted,
    sourceLine,
  }));

describe('C dataflow', () => {
  it('follows input from fgets through a copy into system()', () => {
    const src = [
      '#include <stdio.h>',
      'int main(void) {',
      '  char name[64], cmd[128] = "echo ";',
      '  fgets(name, sizeof name, stdin);',
      '  strcat(cmd, name);',
      '  system(cmd);',
      '}',
    ].join('\n');
    expect(sinks(src)).toEqual([
      { name: 'strcat', kind: 'copy', line: 5, tainted: true, sourceLine: 4 },
      { name: 'system', kind: 'command', line: 6, tainted: true, sourceLine: 4 },
    ]);
  });

  it('finds a constant command and a literal format untainted, though the program reads input', () => {
    const src = [
      'int main(void) {',
      '  char buf[100];',
      '  fgets(buf, sizeof buf, stdin);',
      '  char cmd[16] = "ls ";',
      '  strcat(cmd, "-l");',
      '  system(cmd);',
      '  printf("%s", buf);',
      '}',
    ].join('\n');
    expect(sinks(src).map((s) => [s.name, s.tainted])).toEqual([
      ['strcat', false],
      ['system', false],
      ['printf', false],
    ]);
  });

  it('crosses functions: arguments into parameters, writes back through pointer parameters, return values, globals', () => {
    const src = [
      'static char *g;',
      'static void fill(char *p, int n) { fgets(p, n, stdin); }',
      'static char *id(char *s) { return s; }',
      'static void sink(void) { printf(g); }',
      'int main(void) {',
      '  char buf[100] = "";',
      '  fill(buf, 100);',
      '  g = id(buf);',
      '  sink();',
      '  return 0;',
      '}',
    ].join('\n');
    expect(sinks(src)).toEqual([{ name: 'printf', kind: 'format', line: 4, tainted: true, sourceLine: 2 }]);
  });

  it('reads macros that rename a function or stand for a variable, and knows a shell by its macro', () => {
    const src = [
      '#define POPEN popen',
      '#define SHELL "/bin/sh"',
      '#define ARG data',
      'int main(void) {',
      '  char data[100];',
      '  scanf("%99s", data);',
      '  POPEN(data, "r");',
      '  execl(SHELL, SHELL, "-c", ARG, NULL);',
      '  execl("/bin/ls", "ls", ARG, NULL);',
      '}',
    ].join('\n');
    expect(sinks(src).map((s) => [s.name, s.line, s.tainted])).toEqual([
      ['popen', 7, true],
      ['execl', 8, true],
      // input as a plain argument of a fixed program is not a command injection
      ['execl', 9, false],
    ]);
  });

  it('scopes variables to their function: input in one function does not taint a namesake in another', () => {
    const src = [
      'void a(void) { char data[10]; fgets(data, 10, stdin); puts(data); }',
      'void b(void) { char data[10] = "ls"; system(data); }',
      'int main(void) { a(); b(); }',
    ].join('\n');
    expect(sinks(src)).toEqual([{ name: 'system', kind: 'command', line: 2, tainted: false, sourceLine: 0 }]);
  });

  it('C++: cin, getline and streams opened on input', () => {
    const src = [
      '#include <fstream>',
      'int main() {',
      '  std::string name; std::cin >> name;',
      '  std::string line; std::getline(std::cin, line);',
      '  std::ifstream in(name);',
      '  std::ofstream out; out.open(line.c_str());',
      '  std::ifstream fixed("data.txt");',
      '}',
    ].join('\n');
    expect(sinks(src).map((s) => [s.name, s.line, s.tainted])).toEqual([
      ['ifstream', 5, true],
      ['open', 6, true],
      ['ifstream', 7, false],
    ]);
  });

  it('treats argv and getenv as input, and sizeof() as no use of a variable', () => {
    const src = [
      'int main(int argc, char **argv) {',
      '  char b[8]; char *home = getenv("HOME");',
      '  strcpy(b, argv[1]);',
      '  snprintf(b, sizeof(home), home);',
      '}',
    ].join('\n');
    expect(sinks(src).map((s) => [s.name, s.kind, s.tainted])).toEqual([
      ['strcpy', 'copy', true],
      ['snprintf', 'format', true],
    ]);
  });

  it('never throws on hostile or broken sources, and names no inherited property', () => {
    for (const src of [
      '',
      '}}}{{{',
      'int main( { toString(x); constructor(); __proto__(1); hasOwnProperty(',
      '"unterminated',
      '/* open comment',
      '#define X \\\n',
      'R"xyz(raw',
      'a'.repeat(10_000),
      '('.repeat(5000),
      'int f(){' + 'x=y;'.repeat(5000) + '}',
    ])
      expect(() => dataflow(src, C_MODEL)).not.toThrow();
  });
});

/** The NULL dereferences found: [cwe, line, how it is dereferenced]. */
const nulls = (...lines: string[]): [string, number, string][] =>
  dataflow(lines.join('\n'), C_MODEL)!
    .sinks.filter((s) => s.tainted && s.kind === 'null')
    .map((s) => [s.cwe, s.line, s.name]);

/** `main` with body `lines` (line 2 on). */
const body = (...lines: string[]) => nulls('int main(void) {', ...lines, '  return 0;', '}');

describe('C and C++ dataflow: what malloc and the like return, used unchecked', () => {
  it('finds p[i], p->f and *p on an allocation never checked, and calls that need a pointer', () => {
    expect(body('  int *a = malloc(10 * sizeof *a);', '  a[0] = 1;')).toEqual([['CWE-690', 3, '[]']]);
    expect(body('  struct pt *p = (struct pt *)calloc(1, sizeof(struct pt));', '  p->x = 1;')).toEqual([
      ['CWE-690', 3, '->x'],
    ]);
    expect(body('  long *n = (long *)realloc(NULL, sizeof(long));', '  *n = 5L;')).toEqual([['CWE-690', 3, '*']]);
    expect(body('  char *s = malloc(16);', '  strcpy(s, "hello");', '  memset(s, 0, 16);')).toEqual([
      ['CWE-690', 3, 'strcpy'],
      ['CWE-690', 4, 'memset'],
    ]);
    expect(body('  char *d = strdup("x");', '  printf("%zu", strlen(d));')).toEqual([['CWE-690', 3, 'strlen']]);
    expect(body('  FILE *f = fopen("in.txt", "r");', '  char b[8];', '  fgets(b, 8, f);', '  fclose(f);')).toEqual([
      ['CWE-690', 4, 'fgets'],
      ['CWE-690', 5, 'fclose'],
    ]);
    // C++ casts and std::
    expect(body('  int *v = static_cast<int *>(std::malloc(40));', '  v[1] = 2;')).toEqual([['CWE-690', 3, '[]']]);
  });

  it('follows the pointer into a function, out of one, and back through a C++ reference parameter', () => {
    expect(
      nulls(
        'static void fill(int *a, int n) { for (int i = 0; i < n; i++) a[i] = i; }',
        'int main(void) { int *a = malloc(40); fill(a, 10); free(a); return 0; }',
      ),
    ).toEqual([['CWE-690', 1, '[]']]);
    expect(
      nulls(
        'static int *make(int n) { return malloc(n * sizeof(int)); }',
        'int main(void) { int *a = make(4); *a = 1; }',
      ),
    ).toEqual([['CWE-690', 2, '*']]);
    expect(
      nulls(
        'static void get(char *&p) { p = (char *)malloc(8); }',
        'int main() { char *p = NULL; get(p); p[0] = 0; return 0; }',
      ),
    ).toEqual([['CWE-690', 2, '[]']]);
  });

  it('still finds it where a check does not stop the program, or checks another pointer', () => {
    expect(body('  int *a = malloc(40);', '  if (a == NULL) { puts("out of memory"); }', '  a[0] = 1;')).toEqual([
      ['CWE-690', 4, '[]'],
    ]);
    expect(body('  int *a = malloc(40), *b = malloc(40);', '  if (!a) return 1;', '  b[0] = a[0];')).toEqual([
      ['CWE-690', 4, '[]'],
    ]);
    expect(body('  char *p = malloc(8);', '  if (p == NULL) { *p = 0; }')).toEqual([['CWE-690', 3, '*']]);
  });

  it('knows the checks C and C++ programs make', () => {
    const checked = [
      ['  int *a = malloc(40);', '  if (a == NULL) exit(-1);', '  a[0] = 1;'],
      ['  int *a = malloc(40);', '  if (a == NULL) {exit(1);}', '  a[0] = 1;'],
      ['  int *a = malloc(40);', '  if (!a) { perror("malloc"); return EXIT_FAILURE; }', '  a[0] = 1;'],
      ['  int *a = malloc(40);', '  if (NULL == a) abort();', '  a[0] = 1;'],
      ['  int *a = (int *)malloc(40);', '  if (a == nullptr) return 1;', '  a[0] = 1;'],
      ['  int *a = (int *)malloc(40);', '  if (a == 0) throw std::bad_alloc();', '  a[0] = 1;'],
      ['  int *a = malloc(40);', '  if (!a) goto fail;', '  a[0] = 1;', 'fail:'],
      ['  int *a = malloc(40);', '  if (a) { a[0] = 1; }'],
      ['  int *a = malloc(40);', '  if (a != NULL) a[0] = 1;'],
      ['  int *a = malloc(40);', '  int x = a ? a[0] : 0;'],
      ['  char *a = malloc(40);', '  if (a && a[0]) return 1;'],
      ['  char *a = malloc(4), *b = malloc(4);', '  if (!a || !b) return 1;', '  a[0] = b[0];'],
      ['  int *a;', '  if ((a = malloc(40)) == NULL) { fputs("oom", stderr); exit(1); }', '  a[0] = 1;'],
      ['  int *a;', '  if (!(a = malloc(40))) exit(1);', '  a[0] = 1;'],
      ['  int *a = malloc(40);', '  assert(a != NULL);', '  a[0] = 1;'],
      ['  FILE *f = fopen("in.txt", "r");', '  if (f == NULL) return 1;', '  fclose(f);'],
      // checked inside a block, used after it
      [
        '  int *a = NULL;',
        '  switch (n) { default: a = malloc(40); if (a == NULL) {exit(-1);} break; }',
        '  a[0] = 1;',
      ],
      // a new pointer from realloc, checked before it replaces the old one
      [
        '  int *a = malloc(4);',
        '  if (!a) return 1;',
        '  int *t = realloc(a, 8);',
        '  if (!t) return 1;',
        '  a = t;',
        '  a[1] = 1;',
      ],
      // never evaluated
      ['  int *a = malloc(10 * sizeof a[0]);', '  int *b = malloc(sizeof(*b));', '  free(a); free(b);'],
    ];
    for (const lines of checked) expect([lines, body(...lines)]).toEqual([lines, []]);
  });

  it('trusts a function of the program that never returns, or that only returns a checked pointer', () => {
    expect(
      nulls(
        'static void die(const char *m) { fprintf(stderr, "%s\\n", m); exit(1); }',
        'int main(void) { int *a = malloc(40); if (!a) die("oom"); a[0] = 1; return 0; }',
      ),
    ).toEqual([]);
    expect(
      nulls(
        'static void *xmalloc(size_t n) { void *p = malloc(n); if (!p) { perror("x"); exit(1); } return p; }',
        'int main(void) { int *a = xmalloc(40); a[0] = 1; return 0; }',
      ),
    ).toEqual([]);
    // a checked pointer given to a function
    expect(
      nulls(
        'static void fill(int *a) { a[0] = 1; }',
        'int main(void) { int *a = malloc(40); if (a != NULL) { fill(a); free(a); } return 0; }',
      ),
    ).toEqual([]);
    // a program's own function named like a standard one that exits is the program's
    expect(
      nulls(
        'static void err(const char *m) { puts(m); }',
        'int main(void) { int *a = malloc(4); if (!a) err("x"); *a = 1; }',
      ),
    ).toEqual([['CWE-690', 2, '*']]);
  });

  it('leaves new, containers, members and what was never an allocation alone', () => {
    expect(body('  int *a = new int[10];', '  a[0] = 1;', '  delete[] a;')).toEqual([]);
    expect(body('  std::vector<int> v(10);', '  int *p = v.data();', '  *p = 2;')).toEqual([]);
    expect(body('  struct s x;', '  x.d = malloc(40);', '  x.n = 0;')).toEqual([]);
    expect(body('  char **pp = malloc(8 * sizeof *pp);', '  if (pp == NULL) return 1;', '  *pp = 0;')).toEqual([]);
  });

  it('finds a pointer only ever set to NULL dereferenced (CWE-476), unless it is given a value some other way', () => {
    expect(body('  int *p = NULL;', '  printf("%d", *p);')).toEqual([['CWE-476', 3, '*']]);
    expect(body('  struct pt *p = nullptr;', '  if (p == nullptr) { p->x = 1; }')).toEqual([['CWE-476', 3, '->x']]);
    expect(nulls('static void show(char *s) { puts(s); }', 'int main(void) { char *s = NULL; show(s); }')).toEqual([
      ['CWE-476', 1, 'puts'],
    ]);
    expect(body('  int *p = NULL;', '  int x = 5;', '  if (n) p = &x;', '  if (p) *p = 1;')).toEqual([]);
    expect(body('  char *line = NULL;', '  size_t n = 0;', '  getline(&line, &n, stdin);', '  line[0] = 0;')).toEqual(
      [],
    );
    expect(
      nulls('static void get(int *&p) { p = new int; }', 'int main() { int *p = nullptr; get(p); *p = 1; return 0; }'),
    ).toEqual([]);
  });
});

describe('C and C++ dataflow: the finding', () => {
  it('is CWE-690 high for C++ too, naming where the pointer came from', () => {
    const src = [
      '#include <cstdlib>',
      'int main() {',
      '  int *a = (int *)malloc(4 * sizeof(int));',
      '  a[0] = 1;',
      '}',
    ];
    const findings = withEvidence([], 'cpp', src.join('\n'), 'main.cpp');
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'dataflow.null-dereference',
        cwe: 'CWE-690',
        severity: 'high',
        line: 4,
        message: expect.stringContaining('from line 3 reaches `[]`'),
      }),
    ]);
  });
});
