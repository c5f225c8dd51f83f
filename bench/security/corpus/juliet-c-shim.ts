/**
 * Bastion's own stand-in for what a Juliet C/C++ test case expects from its support files
 * (`std_testcase.h` and the io helpers), written from the names the test cases use. Only the parts a
 * program uses are put in front of it, so the analyzers judge the same support code in both twins
 * and as little of it as possible. Nothing here reads input or calls a risky API: the helpers
 * print with a literal format, and the "true or false" helper is opaque to the analyzers
 * without being random, so a program takes the same path on every run.
 */

interface Part {
  /** Identifiers this part defines; it is included when the program uses one of them. */
  defines: string[];
  /** Other parts' identifiers it needs. */
  needs?: string[];
  cOnly?: boolean;
  cppOnly?: boolean;
  text: string;
}

const HEADERS = [
  'stdio.h',
  'stdlib.h',
  'stddef.h',
  'string.h',
  'stdint.h',
  'inttypes.h',
  'limits.h',
  'ctype.h',
  'time.h',
  'wchar.h',
  'fcntl.h',
  'unistd.h',
  'sys/types.h',
  'sys/stat.h',
];

const PARTS: Part[] = [
  { defines: ['true', 'false'], cOnly: true, text: '#include <stdbool.h>' },
  { defines: ['ALLOCA'], text: '#include <alloca.h>\n#define ALLOCA alloca' },
  {
    defines: ['twoIntsStruct', '_twoIntsStruct'],
    text: 'typedef struct _twoIntsStruct { int intOne; int intTwo; } twoIntsStruct;',
  },
  { defines: ['TwoIntsClass'], cppOnly: true, text: 'class TwoIntsClass { public: int intOne; int intTwo; };' },
  { defines: ['OneIntClass'], cppOnly: true, text: 'class OneIntClass { public: int intOne; };' },
  {
    defines: ['URAND31', 'RAND32'],
    text: '#define URAND31() (((unsigned)rand() << 30) ^ ((unsigned)rand() << 15) ^ (unsigned)rand())\n#define RAND32() ((int)(rand() & 1 ? URAND31() : -URAND31() - 1))',
  },
  {
    defines: ['URAND63', 'RAND64'],
    text: '#define URAND63() (((uint64_t)rand() << 60) ^ ((uint64_t)rand() << 45) ^ ((uint64_t)rand() << 30) ^ ((uint64_t)rand() << 15) ^ (uint64_t)rand())\n#define RAND64() ((int64_t)(rand() & 1 ? URAND63() : -URAND63() - 1))',
  },
  { defines: ['GLOBAL_CONST_TRUE'], text: 'static const int GLOBAL_CONST_TRUE = 1;' },
  { defines: ['GLOBAL_CONST_FALSE'], text: 'static const int GLOBAL_CONST_FALSE = 0;' },
  { defines: ['GLOBAL_CONST_FIVE'], text: 'static const int GLOBAL_CONST_FIVE = 5;' },
  { defines: ['globalTrue'], text: 'static int globalTrue = 1;' },
  { defines: ['globalFalse'], text: 'static int globalFalse = 0;' },
  { defines: ['globalFive'], text: 'static int globalFive = 5;' },
  { defines: ['globalArgc'], text: 'static int globalArgc = 0;' },
  { defines: ['globalArgv'], text: 'static char **globalArgv = NULL;' },
  { defines: ['globalReturnsTrue'], text: 'static int globalReturnsTrue(void) { return 1; }' },
  { defines: ['globalReturnsFalse'], text: 'static int globalReturnsFalse(void) { return 0; }' },
  {
    defines: ['globalReturnsTrueOrFalse'],
    text: 'static volatile int globalSwitch = 1;\nstatic int globalReturnsTrueOrFalse(void) { return globalSwitch; }',
  },
  {
    defines: ['printLine'],
    text: 'static void printLine(const char *line) { if (line != NULL) printf("%s\\n", line); }',
  },
  {
    defines: ['printWLine'],
    text: 'static void printWLine(const wchar_t *line) { if (line != NULL) printf("%ls\\n", line); }',
  },
  { defines: ['printIntLine'], text: 'static void printIntLine(int n) { printf("%d\\n", n); }' },
  { defines: ['printShortLine'], text: 'static void printShortLine(short n) { printf("%hd\\n", n); }' },
  { defines: ['printFloatLine'], text: 'static void printFloatLine(float x) { printf("%f\\n", x); }' },
  { defines: ['printLongLine'], text: 'static void printLongLine(long n) { printf("%ld\\n", n); }' },
  // "%lld", not "%" PRId64: the shim must not trip a format-string rule of its own (Bastion's C++
  // ast-grep rule reads "%" PRId64 "\n" as a non-literal format — a finding to fix there)
  {
    defines: ['printLongLongLine'],
    text: 'static void printLongLongLine(int64_t n) { printf("%lld\\n", (long long)n); }',
  },
  { defines: ['printSizeTLine'], text: 'static void printSizeTLine(size_t n) { printf("%zu\\n", n); }' },
  { defines: ['printHexCharLine'], text: 'static void printHexCharLine(char c) { printf("%02x\\n", c); }' },
  { defines: ['printWcharLine'], text: 'static void printWcharLine(wchar_t c) { printf("%lc\\n", (wint_t)c); }' },
  { defines: ['printUnsignedLine'], text: 'static void printUnsignedLine(unsigned n) { printf("%u\\n", n); }' },
  {
    defines: ['printHexUnsignedCharLine'],
    text: 'static void printHexUnsignedCharLine(unsigned char c) { printf("%02x\\n", c); }',
  },
  { defines: ['printDoubleLine'], text: 'static void printDoubleLine(double x) { printf("%g\\n", x); }' },
  {
    defines: ['printStructLine'],
    needs: ['twoIntsStruct'],
    text: 'static void printStructLine(const twoIntsStruct *s) { printf("%d -- %d\\n", s->intOne, s->intTwo); }',
  },
  {
    defines: ['printBytesLine'],
    text: 'static void printBytesLine(const unsigned char *bytes, size_t n) {\n  for (size_t i = 0; i < n; i++) printf("%02x", bytes[i]);\n  printf("\\n");\n}',
  },
  {
    defines: ['hexDigitValue'],
    text: "static int hexDigitValue(int c) {\n  if (c >= '0' && c <= '9') return c - '0';\n  if (c >= 'a' && c <= 'f') return c - 'a' + 10;\n  if (c >= 'A' && c <= 'F') return c - 'A' + 10;\n  return -1;\n}",
  },
  {
    defines: ['decodeHexChars'],
    needs: ['hexDigitValue'],
    text: 'static size_t decodeHexChars(unsigned char *bytes, size_t n, const char *hex) {\n  size_t k = 0;\n  while (k < n && hexDigitValue(hex[2 * k]) >= 0 && hexDigitValue(hex[2 * k + 1]) >= 0) {\n    bytes[k] = (unsigned char)(hexDigitValue(hex[2 * k]) * 16 + hexDigitValue(hex[2 * k + 1]));\n    k++;\n  }\n  return k;\n}',
  },
  {
    defines: ['decodeHexWChars'],
    needs: ['hexDigitValue'],
    text: 'static size_t decodeHexWChars(unsigned char *bytes, size_t n, const wchar_t *hex) {\n  size_t k = 0;\n  while (k < n && hexDigitValue((int)hex[2 * k]) >= 0 && hexDigitValue((int)hex[2 * k + 1]) >= 0) {\n    bytes[k] = (unsigned char)(hexDigitValue((int)hex[2 * k]) * 16 + hexDigitValue((int)hex[2 * k + 1]));\n    k++;\n  }\n  return k;\n}',
  },
];

/** The support code a program that uses `used` needs, for C or C++. */
export function julietShim(used: Set<string>, cpp: boolean): string {
  const parts = PARTS.filter((p) => (cpp ? !p.cOnly : !p.cppOnly));
  const chosen = new Set<Part>();
  const want = (id: string) => {
    const part = parts.find((p) => p.defines.includes(id));
    if (!part || chosen.has(part)) return;
    for (const n of part.needs ?? []) want(n);
    chosen.add(part);
  };
  for (const id of used) want(id);
  const headers = HEADERS.map((h) => `#include <${h}>`);
  if (cpp) headers.push('#include <new>');
  // keep the parts in their declared order, so a part comes after what it needs
  return [...headers, ...parts.filter((p) => chosen.has(p)).map((p) => p.text)].join('\n');
}

/** The names the shim can define: a program using another unknown support name is not buildable. */
export const SHIM_NAMES = new Set(PARTS.flatMap((p) => p.defines));
