/** The command line of `npm run bench:security`. */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Language, LANGUAGES } from './corpus/case';
import { Part, PARTS } from './split';

export const USAGE = `npm run bench:security -- [suites] [options]

Suites (each the path of a fetched mirror's git dir, or of an extracted folder; never copied):
  --juliet-c PATH        NIST Juliet C/C++ 1.3 (arichardson/juliet-test-suite-c)
  --juliet-java PATH     NIST Juliet Java 1.3 (find-sec-bugs/juliet-test-suite)
  --purplellama PATH     meta-llama/PurpleLlama (CodeShield insecure-code-detector tests)
  --securityeval PATH    s2e-lab/SecurityEval (insecure Python examples)
  --no-pairs             leave out Bastion's own pairs (bench/security/pairs/)

Options:
  --per-family N         cases per suite, language and CWE family, per part (default 8)
  --part P               tuning, held-out or both (default both)
  --languages L,…        only these languages (c, cpp, python, java, javascript)
  --families CWE121,…    only these families
  --concurrency N        submissions judged at once (default: cores)
  --latency N            safe programs per language judged with checks on and off (default 5; 0 skips)
  --timeout-s N          per submission (default 300)
  --dry-run              build and sample the corpus, print it, judge nothing
  --dump DIR             with --dry-run: write the tuning part's programs to DIR (outside the repository)
  --resume FILE          reuse the results a stopped run kept in its checkpoint (printed at its start)
  --out FILE             results file (default bench/results/security-<date>-<machine>.json)
  --note TEXT            kept in the results (e.g. how the system was started)`;

export interface Settings {
  suites: { julietC?: string; julietJava?: string; purplellama?: string; securityeval?: string; pairs: boolean };
  perFamily: number;
  parts: Part[];
  languages: Language[];
  families: string[] | null;
  concurrency: number;
  latency: number;
  timeoutMs: number;
  dryRun: boolean;
  dump: string | null;
  out: string | null;
  resume: string | null;
  note: string | null;
}

const count = (v: string | undefined, dflt: number, name: string) => {
  const n = v === undefined ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} takes a whole number, not ${v}`);
  return n;
};

export function parseSettings(argv: string[]): Settings {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      'juliet-c': { type: 'string' },
      'juliet-java': { type: 'string' },
      purplellama: { type: 'string' },
      securityeval: { type: 'string' },
      'no-pairs': { type: 'boolean' },
      'per-family': { type: 'string' },
      part: { type: 'string' },
      languages: { type: 'string' },
      families: { type: 'string' },
      concurrency: { type: 'string' },
      latency: { type: 'string' },
      'timeout-s': { type: 'string' },
      'dry-run': { type: 'boolean' },
      dump: { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'string' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const part = v.part ?? 'both';
  if (part !== 'both' && !(PARTS as readonly string[]).includes(part)) throw new Error(`--part: ${part}?`);
  const languages = (v.languages?.split(',') ?? [...LANGUAGES]).map((l) => l.trim());
  for (const l of languages) if (!(LANGUAGES as readonly string[]).includes(l)) throw new Error(`--languages: ${l}?`);
  if (v.dump && !v['dry-run']) throw new Error('--dump goes with --dry-run');
  return {
    suites: {
      julietC: v['juliet-c'],
      julietJava: v['juliet-java'],
      purplellama: v.purplellama,
      securityeval: v.securityeval,
      pairs: !v['no-pairs'],
    },
    perFamily: count(v['per-family'], 8, 'per-family'),
    parts: part === 'both' ? [...PARTS] : [part as Part],
    languages: languages as Language[],
    families: v.families ? v.families.split(',').map((f) => f.trim().toUpperCase().replace('-', '')) : null,
    concurrency: Math.max(1, count(v.concurrency, cpus().length, 'concurrency')),
    latency: count(v.latency, 5, 'latency'),
    timeoutMs: count(v['timeout-s'], 300, 'timeout-s') * 1000,
    dryRun: !!v['dry-run'],
    dump: v.dump ?? null,
    out: v.out ?? null,
    resume: v.resume ?? null,
    note: v.note ?? null,
  };
}
