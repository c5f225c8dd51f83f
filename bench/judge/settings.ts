/** What the benchmark judges and how: read once from the environment. */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { LANGUAGES } from '../../libs/contracts/src/languages';

export function int(v: string | undefined, dflt: number): number {
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${v}`);
  return n;
}

export { API, BASE } from '../common/http';
export { ADMIN_EMAIL as EMAIL } from '../common/http';
/** The admin password: BASTION_ADMIN_PASSWORD, else the one `npm run up` keeps (scripts/secrets.sh). */
export { adminPassword as password } from '../common/http';
export const CORES = cpus().length;
export const CONCURRENCY = int(process.env.BENCH_CONCURRENCY, CORES);
export const N = int(process.env.BENCH_SUBMISSIONS, 25);
export const N_SECURE = int(process.env.BENCH_SECURE_SUBMISSIONS, 5);
/** Pairs per language and pattern of the security-latency run. */
export const N_PAIRS = int(process.env.BENCH_SECURITY_PAIRS, N_SECURE || 5);
export const LOAD = process.env.BENCH_LOAD !== '0';
/** BENCH_ONLY=security: only the security checks' added latency (one submission at a time). */
export const ONLY_SECURITY = process.env.BENCH_ONLY === 'security';
/** The pause between submissions of the "spaced" security-latency run. */
export const SECURITY_GAP_MS = int(process.env.BENCH_SECURITY_GAP_MS, 1000);
export const SUBMISSION_TIMEOUT_MS = 120_000;
export const GOALS = { overheadRatio: 1.3, speedupVsNaive: 5, throughputRatio: 0.8 };

/** The benchmark's groups of submissions; each one passes only if every submission in it is AC. */
export const MODE_KEYS = ['bare', 'naive', 'bastion', 'bastionSecure', 'security'] as const;
export type ModeKey = (typeof MODE_KEYS)[number];
/**
 * BENCH_WRONG_IN=naive,security (a self-test of the verdict gate): in those modes the first
 * submission of each language is a wrong program, so the mode must fail.
 */
export const WRONG_IN: ModeKey[] = (process.env.BENCH_WRONG_IN ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    if (!(MODE_KEYS as readonly string[]).includes(s)) throw new Error(`BENCH_WRONG_IN: unknown mode ${s}`);
    return s as ModeKey;
  });

export type Lang = 'c' | 'python';
export const LANGS: Lang[] = ['c', 'python'];
export const IMAGES: Record<Lang, string> = { c: 'bastion-judge-c:latest', python: 'bastion-judge-python:latest' };
/**
 * Bastion's own compile and run commands (libs/contracts languages.ts), used by every mode: gcc with
 * the hardened flags for C, `python3 -m py_compile` for Python, then `./main` / `python3 -S main.py`.
 */
export const COMPILE: Record<Lang, string[]> = { c: LANGUAGES.c.compile!, python: LANGUAGES.python.compile! };
export const RUN: Record<Lang, string[]> = { c: LANGUAGES.c.run, python: LANGUAGES.python.run };
export const SOURCE_FILE: Record<Lang, string> = { c: LANGUAGES.c.sourceFile, python: LANGUAGES.python.sourceFile };
/** Debian's python3 on the host (bookworm, as in the judge image), not a pyenv shim. */
export const HOST_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Submission i's source: the same program, made unique by a comment; `wrong` prints a − b instead. */
export function source(lang: Lang, i: number, wrong = false): string {
  const op = wrong ? '-' : '+';
  return lang === 'c'
    ? `// bench ${i}\n#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a${op}b);return 0;}\n`
    : `# bench ${i}\na, b = map(int, input().split())\nprint(a ${op} b)\n`;
}
/** The source the mode `key` judges as its submission i (i < 0: warm-ups and probes), numbered from `from`. */
export const sourceFor = (key: ModeKey, lang: Lang, i: number, from = 0): string =>
  source(lang, from + i, i === 0 && WRONG_IN.includes(key));

/** 10 small tests: the sample and 9 secret ones. */
export const TESTS = Array.from({ length: 10 }, (_, i) => {
  const a = i * 13 + 1;
  const b = i * 7 - 5;
  return { input: `${a} ${b}\n`, answer: `${a + b}\n` };
});
