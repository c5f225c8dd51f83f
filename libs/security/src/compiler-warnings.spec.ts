import { parseCompilerWarnings } from './compiler-warnings';

// GCC 12's output for a C program in the judge image (-O2 -Wall, the functional build's flags).
const OUTPUT = [
  "main.c: In function 'main':",
  "main.c:5:8: warning: unused variable 'buf' [-Wunused-variable]",
  '    5 |   char buf[4];',
  '      |        ^~~',
  "main.c:6:3: warning: 'x' is used uninitialized [-Wuninitialized]",
  '    6 |   printf("%d %d\\n", x, f(0));',
  '      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~',
  "main.c:4:7: note: 'x' was declared here",
  "main.c:9:7: warning: 'y' may be used uninitialized [-Wmaybe-uninitialized]",
  "/usr/include/x86_64-linux-gnu/bits/stdio2.h:3:1: warning: 'z' is used uninitialized [-Wuninitialized]",
].join('\n');

describe('parseCompilerWarnings', () => {
  it('reads a definite uninitialised read in the source as CWE-457, high, and nothing else', () => {
    expect(parseCompilerWarnings(OUTPUT, 'main.c')).toEqual([
      expect.objectContaining({
        tool: 'gcc',
        ruleId: 'gcc.uninitialized',
        cwe: 'CWE-457',
        severity: 'high',
        line: 6,
        column: 3,
      }),
    ]);
  });

  it('keeps none of the compiler’s text, and reads only the submission’s own file', () => {
    const [f] = parseCompilerWarnings(OUTPUT, 'main.c');
    expect(f.message).not.toContain("'x'");
    expect(parseCompilerWarnings(OUTPUT, 'main.cpp')).toEqual([]);
    expect(parseCompilerWarnings('', 'main.c')).toEqual([]);
    expect(parseCompilerWarnings("main.c:0:1: warning: 'x' is used uninitialized [-Wuninitialized]", 'main.c')).toEqual(
      [],
    );
  });
});
