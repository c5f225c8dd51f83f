import { gradeByEvidence, sourceDataflow, withEvidence } from './evidence';
import type { Finding } from './findings';
import { findingAt } from './testing/fixtures';

const at = findingAt;

const SRC = [
  '#define POPEN popen', // 1
  'int main(void) {', // 2
  '  char in[64], buf[128];', // 3
  '  long long n;', // 4
  '  fgets(in, sizeof in, stdin);', // 5
  '  strcpy(buf, "constant");', // 6
  '  strcpy(buf, in);', // 7
  '  scanf("%" SCNd64, &n);', // 8
  '  scanf("%s", buf);', // 9
  '  system("ls");', // 10
  '}', // 11
].join('\n');

describe('severity from evidence', () => {
  const flow = sourceDataflow('c', SRC);

  it('lowers a pattern hit on a call no input reaches to a note, and keeps one that input reaches', () => {
    const out = gradeByEvidence([at(6), at(7)], flow);
    expect(out.map((f) => [f.line, f.severity])).toEqual([
      [6, 'low'],
      [7, 'high'],
    ]);
    expect(out[0].message).toMatch(/no input reaches it/);
  });

  it('reads a scanf format: %s unbounded stays, a number format is a note', () => {
    const out = gradeByEvidence(
      [at(8, { tool: 'flawfinder', ruleId: 'flawfinder.buffer.scanf' }), at(9, { tool: 'flawfinder' })],
      flow,
    );
    expect(out.map((f) => [f.line, f.severity])).toEqual([
      [8, 'low'],
      [9, 'high'],
    ]);
  });

  it('drops hits on preprocessor lines and leaves sanitizer findings and unrelated CWEs alone', () => {
    const asan = at(6, { tool: 'asan', ruleId: 'asan.stack-buffer-overflow', cwe: 'CWE-121', severity: 'critical' });
    const gets = at(6, { ruleId: 'c-gets', cwe: 'CWE-242' });
    const out = gradeByEvidence([at(1, { tool: 'flawfinder', cwe: 'CWE-78' }), asan, gets], flow);
    expect(out).toEqual([asan, gets]);
  });

  it('adds a dataflow finding for each sink input reaches, naming the line it was read', () => {
    const out = withEvidence([at(10, { cwe: 'CWE-78', ruleId: 'c-command-injection' })], 'c', SRC, 'main.c');
    expect(out.find((f) => f.line === 10)?.severity).toBe('low');
    expect(out.filter((f) => f.tool === 'dataflow')).toEqual([
      expect.objectContaining({
        ruleId: 'dataflow.unbounded-copy',
        cwe: 'CWE-120',
        severity: 'high',
        line: 7,
        message: 'Input read on line 5 reaches strcpy(), which copies it without a bound',
      }),
    ]);
  });

  it('grades unchecked arithmetic on input medium, and on a value that overflows on every run high', () => {
    const java = [
      'class Main {', // 1
      '  public static void main(String[] args) {', // 2
      '    int n = new java.util.Scanner(System.in).nextInt();', // 3
      '    int c = Integer.MAX_VALUE;', // 4
      '    System.out.println((n + 1) + " " + (c + 1));', // 5
      '  }', // 6
      '}', // 7
    ].join('\n');
    const out = withEvidence([], 'java', java, 'Main.java').map((f) => [f.cwe, f.severity, f.message]);
    expect(out).toEqual([
      ['CWE-190', 'medium', expect.stringMatching(/^Input read on line 3/)],
      ['CWE-190', 'high', expect.stringMatching(/^A MAX_VALUE constant from line 4/)],
    ]);
  });

  it('leaves the findings of a language without a model as they are', () => {
    const f = at(1, { cwe: 'CWE-78' });
    expect(withEvidence([f], 'python', 'import os\nos.system("ls")', 'main.py')).toEqual([f]);
  });
});

describe('temporary files', () => {
  const program = (flags: string) =>
    [
      '#define MKTEMP mktemp',
      'int main(void) {',
      '  char t[] = "fnXXXXXX";',
      '  char *name = MKTEMP(t);',
      `  int fd = open(name, ${flags}, 0600);`,
      '}',
    ].join('\n');
  const hit = (line: number): Finding =>
    at(line, { tool: 'flawfinder', ruleId: 'flawfinder.tmpfile.mktemp', cwe: 'CWE-377' });

  it('a name from mktemp created without O_EXCL is CWE-377, high, at the creation', () => {
    const out = withEvidence([hit(4)], 'c', program('O_RDWR | O_CREAT'), 'main.c');
    expect(out.filter((f) => f.severity === 'high')).toEqual(
      [
        expect.objectContaining({ tool: 'dataflow', ruleId: 'dataflow.insecure-temp-file', cwe: 'CWE-377', line: 5 }),
        expect.objectContaining({ tool: 'flawfinder', line: 4 }),
      ].reverse(),
    );
  });

  it('with O_EXCL the file cannot be planted: the naming call is a note', () => {
    const out = withEvidence([hit(4)], 'c', program('O_RDWR | O_CREAT | O_EXCL'), 'main.c');
    expect(out.map((f) => [f.line, f.severity])).toEqual([[4, 'low']]);
  });
});
