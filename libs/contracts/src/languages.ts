/**
 * The languages Bastion judges. Commands run inside the language's judge image
 * (judge-images/<image>), in the work dir /box, through the in-image runner.
 * `{memMb}` in a run command is replaced by the problem's memory limit.
 */
export interface LanguageDef {
  id: LanguageId;
  name: string;
  version: string;
  image: string;
  sourceFile: string;
  compile: string[] | null;
  run: string[];
  /** Time limits are multiplied by this (the JVM starts slowly and JITs on extra threads). */
  timeFactor: number;
  /** Memory a runtime needs beyond the program's own data (JVM, V8), added to the problem's limit. */
  memoryExtraMb: number;
}

export const LANGUAGE_IDS = ['c', 'cpp', 'python', 'java', 'javascript', 'go', 'rust'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

/**
 * C and C++ are built as a hardened release build is (as Debian's and Ubuntu's packages are):
 * _FORTIFY_SOURCE and the stack protector abort an overflow they catch instead of running on, and
 * the security checks read those aborts. -Wno-unused-result: fortify marks scanf and friends
 * warn_unused_result, which would flood the compile output of ordinary programs.
 */
const HARDENED = ['-O2', '-pipe', '-Wall', '-Wno-unused-result', '-D_FORTIFY_SOURCE=2', '-fstack-protector-strong'];

export const LANGUAGES: Record<LanguageId, LanguageDef> = {
  c: {
    id: 'c',
    name: 'C17 (GCC)',
    version: 'gcc 12.2 (Debian bookworm)',
    image: 'c',
    sourceFile: 'main.c',
    compile: ['gcc', '-std=gnu17', ...HARDENED, '-o', 'main', 'main.c', '-lm'],
    run: ['./main'],
    timeFactor: 1,
    memoryExtraMb: 0,
  },
  cpp: {
    id: 'cpp',
    name: 'C++17 (G++)',
    version: 'g++ 12.2 (Debian bookworm)',
    image: 'cpp',
    sourceFile: 'main.cpp',
    compile: ['g++', '-std=c++17', ...HARDENED, '-o', 'main', 'main.cpp'],
    run: ['./main'],
    timeFactor: 1,
    memoryExtraMb: 0,
  },
  python: {
    id: 'python',
    name: 'Python 3 (CPython)',
    version: 'CPython 3.11 (Debian bookworm)',
    image: 'python',
    sourceFile: 'main.py',
    compile: ['python3', '-m', 'py_compile', 'main.py'],
    run: ['python3', '-S', 'main.py'],
    timeFactor: 1,
    memoryExtraMb: 0,
  },
  java: {
    id: 'java',
    name: 'Java 17 (OpenJDK)',
    version: 'OpenJDK 17 (Debian bookworm)',
    image: 'java',
    sourceFile: 'Main.java',
    compile: ['javac', '-encoding', 'UTF-8', '-J-Xms64m', '-J-XX:+UseSerialGC', '-J-XX:-UsePerfData', 'Main.java'],
    run: [
      'java',
      '-Xmx{memMb}m',
      '-Xss64m',
      '-XX:+UseSerialGC',
      '-XX:-UsePerfData',
      '-XX:TieredStopAtLevel=1',
      '-cp',
      '.',
      'Main',
    ],
    timeFactor: 2,
    memoryExtraMb: 128,
  },
  javascript: {
    id: 'javascript',
    name: 'JavaScript (Node.js)',
    version: 'Node.js 18 (Debian bookworm)',
    image: 'javascript',
    sourceFile: 'main.js',
    compile: ['node', '--check', 'main.js'],
    run: ['node', '--stack-size=65500', 'main.js'],
    timeFactor: 1,
    memoryExtraMb: 64,
  },
  go: {
    id: 'go',
    name: 'Go',
    version: 'Go 1.19 (Debian bookworm)',
    image: 'go',
    sourceFile: 'main.go',
    // One file, no modules and no network (GO111MODULE=off, the build cache in the sandbox's /tmp).
    compile: ['go', 'build', '-o', 'main', 'main.go'],
    run: ['./main'],
    timeFactor: 1,
    // The Go runtime reserves arenas and runs its own threads beside the program's data.
    memoryExtraMb: 32,
  },
  rust: {
    id: 'rust',
    name: 'Rust',
    version: 'rustc 1.63 (Debian bookworm), edition 2021',
    image: 'rust',
    sourceFile: 'main.rs',
    // As Codeforces and Kattis build it: optimised, with overflow checks off as in any release build.
    compile: ['rustc', '--edition=2021', '-O', '-o', 'main', 'main.rs'],
    run: ['./main'],
    timeFactor: 1,
    memoryExtraMb: 0,
  },
};

export function isLanguageId(value: unknown): value is LanguageId {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}
