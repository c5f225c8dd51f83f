import { joinSinks, sinkNames, type LanguageModel, type SinkSpec, type SinkTable, type TaintLabel } from './engine';

// C and C++: what reads input, what copies it, and the calls it must not reach unchecked.

const COMMAND: SinkSpec = { kind: 'command', cwe: 'CWE-78', args: [0] };
const EXEC: SinkSpec = { kind: 'command', cwe: 'CWE-78', args: 'all', program: true };
const fmt = (k: number): SinkSpec => ({ kind: 'format', cwe: 'CWE-134', args: [k] });
const COPY: SinkSpec = { kind: 'copy', cwe: 'CWE-120', args: [1] };
const PATH: SinkSpec = { kind: 'path', cwe: 'CWE-22', args: [0] };

/**
 * What allocation (and the other calls that return NULL when they fail) returns: a pointer that is
 * NULL when memory (a file, …) ran out. It follows whole values (`q = p`, an argument, a return
 * value) into whole variables, and stops at a value passed on under a check that it is not NULL.
 */
const NULLABLE: TaintLabel = {
  name: 'nullable',
  functions: new Set(
    (
      'malloc calloc realloc reallocarray aligned_alloc memalign valloc pvalloc _aligned_malloc strdup strndup ' +
      'wcsdup _strdup _wcsdup fopen fopen64 _wfopen freopen fdopen tmpfile'
    ).split(' '),
  ),
  copyOnly: true,
  wholeTargets: true,
  checkedBy: 'nonnull',
  describe: 'A pointer that may be NULL (an allocation or fopen that can fail)',
};

/** A local pointer only ever set to NULL (`int *p = NULL;`, and no other value, `&p` or reference given it). */
const NULL_ONLY: TaintLabel = {
  name: 'null',
  only: 'null',
  nulls: new Set(['NULL', 'nullptr']),
  describe: 'A pointer only ever set to NULL',
};

/** Dereferenced (or given to a call that dereferences it), either pointer is a NULL dereference. */
const deref = (args: number[]): SinkSpec[] => [
  { kind: 'null', cwe: 'CWE-690', args, labels: ['nullable'], guard: 'nonnull' },
  { kind: 'null', cwe: 'CWE-476', args, labels: ['null'], guard: 'nonnull' },
];
/** Arguments that must not be a NULL pointer: `strcpy(p, s)`, `memset(p, 0, n)`, `fclose(f)`. */
const nonNull = (...args: number[]): SinkSpec[] => deref(args);
const NONNULL: SinkTable = {
  ...sinkNames(
    'strcpy strcat wcscpy wcscat stpcpy memcpy memmove wmemcpy wmemmove strcmp wcscmp strstr wcsstr',
    nonNull(0, 1),
  ),
  ...sinkNames('strncpy strncat wcsncpy wcsncat stpncpy strncmp wcsncmp strcoll strspn strcspn strpbrk', nonNull(0, 1)),
  ...sinkNames('memset wmemset strlen wcslen strchr strrchr wcschr wcsrchr puts atoi atol atoll atof', nonNull(0)),
  ...sinkNames('strtol strtoul strtoll strtoull strtod strtof sprintf vsprintf swprintf vswprintf', nonNull(0)),
  ...sinkNames('fgets fgetws', nonNull(0, 2)),
  ...sinkNames('fread fwrite', nonNull(0, 3)),
  ...sinkNames('fputs fputws', nonNull(0, 1)),
  ...sinkNames('fputc putc fputwc putwc', nonNull(1)),
  ...sinkNames('fclose fprintf fwprintf vfprintf fscanf fwscanf vfscanf fgetc getc fgetwc getwc', nonNull(0)),
  ...sinkNames('fseek ftell rewind feof ferror clearerr fileno fgetpos fsetpos setvbuf setbuf', nonNull(0)),
};
/** sprintf(dst, fmt, …): a format sink, and an unbounded copy of its data arguments. */
const SPRINTF: SinkSpec[] = [fmt(1), { kind: 'copy', cwe: 'CWE-120', args: [], from: 2 }];

export const C_MODEL: LanguageModel = {
  sourceArgs: {
    fgets: [0],
    fgetws: [0],
    gets: [0],
    gets_s: [0],
    _getws: [0],
    fread: [0],
    read: [1],
    pread: [1],
    recv: [1],
    recvfrom: [1],
    getline: [0],
    getdelim: [0],
    getwline: [0],
    scanf: ['rest:1'],
    wscanf: ['rest:1'],
    vscanf: ['rest:1'],
    scanf_s: ['rest:1'],
    fscanf: ['rest:2'],
    fwscanf: ['rest:2'],
    fscanf_s: ['rest:2'],
    sscanf: ['rest:2'],
    swscanf: ['rest:2'],
  },
  sourceReturns: new Set([
    'getenv',
    'secure_getenv',
    '_wgetenv',
    'getchar',
    'getwchar',
    'fgetc',
    'fgetwc',
    'getc',
    'getwc',
    'getc_unlocked',
    'getchar_unlocked',
    '_getch',
    'readline',
  ]),
  sourceMethods: new Set(),
  sourceParams: (fn, index) => fn === 'main' && index >= 1,
  inputStreams: new Set(['cin', 'wcin']),
  copyInto: new Set(
    (
      'strcpy strncpy strcat strncat stpcpy stpncpy strlcpy strlcat memcpy memmove wmemcpy wmemmove ' +
      'wcscpy wcsncpy wcscat wcsncat sprintf snprintf swprintf vsprintf vsnprintf vswprintf _snprintf ' +
      '_snwprintf mbstowcs wcstombs'
    ).split(' '),
  ),
  sinks: joinSinks(
    {
      ...sinkNames('system _wsystem popen _popen _wpopen', COMMAND),
      ...sinkNames('execl execlp execle execv execvp execvpe _execl _execlp _wexecl _wexeclp', EXEC),
      ...sinkNames('printf wprintf vprintf vwprintf', fmt(0)),
      ...sinkNames('fprintf fwprintf vfprintf vfwprintf syslog dprintf vdprintf', fmt(1)),
      ...sinkNames('snprintf vsnprintf _snprintf _vsnprintf swprintf vswprintf _snwprintf _vsnwprintf', fmt(2)),
      ...sinkNames('sprintf vsprintf', SPRINTF),
      ...sinkNames('strcpy strcat wcscpy wcscat stpcpy lstrcpy lstrcat _mbscpy', COPY),
      ...sinkNames('fopen freopen _wfopen open creat _wopen opendir remove unlink rmdir', PATH),
    },
    NONNULL,
  ),
  constructorSinks: sinkNames('ifstream ofstream fstream wifstream wofstream', PATH),
  // `std::ifstream f; f.open(path)`
  methodSinks: { open: PATH },
  labels: [NULLABLE, NULL_ONLY],
  operators: {
    // p[i], p->f, *p
    dereference: deref([0]),
  },
  memberDereference: new Set(['->']),
  unaryDereference: true,
  noReturn: new Set(
    (
      'exit _exit _Exit quick_exit abort terminate err errx verr verrx __builtin_unreachable unreachable ' +
      'longjmp siglongjmp pthread_exit thrd_exit __assert_fail'
    ).split(' '),
  ),
  assertions: new Set(['assert']),
  objectsByReference: false,
  primitives: new Set(),
  keywords: new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'catch', 'do', 'else', 'case']),
};
