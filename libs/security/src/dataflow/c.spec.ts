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
