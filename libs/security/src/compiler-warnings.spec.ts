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
].join('\n');

// …and when the read is in fortify's inline printf (the variable passed to it), twice inlined.
const INLINED = [
  'In file included from /usr/include/stdio.h:906,',
  '                 from main.c:1:',
  "In function 'printf',",
  "    inlined from 'printDoubleLine' at main.c:16:41,",
  "    inlined from 'f1' at main.c:29:9:",
  "/usr/include/x86_64-linux-gnu/bits/stdio2.h:86:10: warning: 'data' is used uninitialized [-Wuninitialized]",
  '   86 |   return __printf_chk (__USE_FORTIFY_LEVEL - 1, __fmt, __va_arg_pack ());',
  '      |          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
  "main.c: In function 'f1':",
  "main.c:22:12: note: 'data' was declared here",
  '   22 |     double data;',
  "In function 'printf',",
  "    inlined from 'printDoubleLine' at main.c:16:41,",
  "    inlined from 'f1' at main.c:29:9,",
  "    inlined from 'main' at main.c:36:3:",
  "/usr/include/x86_64-linux-gnu/bits/stdio2.h:86:10: warning: 'data' is used uninitialized [-Wuninitialized]",
  "main.c: In function 'main':",
  "/usr/include/x86_64-linux-gnu/bits/stdio2.h:86:10: warning: 'q' is used uninitialized [-Wuninitialized]",
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

  it('places a read inside a header at the variable’s declaration, else at the last call in the source', () => {
    expect(parseCompilerWarnings(INLINED, 'main.c').map((f) => [f.line, f.column])).toEqual([
      [22, 12],
      [36, 0], // no declaration note follows within reach: the outermost inlined call
    ]);
  });

  it('reads the quotes GCC uses in a UTF-8 locale', () => {
    const utf8 = INLINED.replace(/'([^']*)'/g, '‘$1’');
    expect(parseCompilerWarnings(utf8, 'main.c').map((f) => f.line)).toEqual([22, 36]);
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
