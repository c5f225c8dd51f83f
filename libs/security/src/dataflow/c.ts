import type { LanguageModel, SinkSpec } from './engine';

// C and C++: what reads input, what copies it, and the calls it must not reach unchecked.

const COMMAND: SinkSpec = { kind: 'command', cwe: 'CWE-78', args: [0] };
const EXEC: SinkSpec = { kind: 'command', cwe: 'CWE-78', args: 'all', program: true };
const fmt = (k: number): SinkSpec => ({ kind: 'format', cwe: 'CWE-134', args: [k] });
const COPY: SinkSpec = { kind: 'copy', cwe: 'CWE-120', args: [1] };
const PATH: SinkSpec = { kind: 'path', cwe: 'CWE-22', args: [0] };

const names = (list: string, spec: SinkSpec | SinkSpec[]) =>
  Object.fromEntries(list.split(/\s+/).map((n) => [n, spec])) as Record<string, SinkSpec | SinkSpec[]>;
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
  sinks: {
    ...names('system _wsystem popen _popen _wpopen', COMMAND),
    ...names('execl execlp execle execv execvp execvpe _execl _execlp _wexecl _wexeclp', EXEC),
    ...names('printf wprintf vprintf vwprintf', fmt(0)),
    ...names('fprintf fwprintf vfprintf vfwprintf syslog dprintf vdprintf', fmt(1)),
    ...names('snprintf vsnprintf _snprintf _vsnprintf swprintf vswprintf _snwprintf _vsnwprintf', fmt(2)),
    ...names('sprintf vsprintf', SPRINTF),
    ...names('strcpy strcat wcscpy wcscat stpcpy lstrcpy lstrcat _mbscpy', COPY),
    ...names('fopen freopen _wfopen open creat _wopen opendir remove unlink rmdir', PATH),
  },
  constructorSinks: names('ifstream ofstream fstream wifstream wofstream', PATH),
  // `std::ifstream f; f.open(path)`
  methodSinks: { open: PATH },
  objectsByReference: false,
  primitives: new Set(),
  keywords: new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'catch', 'do', 'else', 'case']),
};
