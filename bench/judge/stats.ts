/** Running a mode's submissions, their statistics, and the verdict gate. */
import { CpuMeter, CpuUse, settle } from './cpu';
import { loadavg } from 'node:os';
import { CONCURRENCY, LANGS, Lang, ModeKey } from './settings';

export interface Sample {
  lang: Lang;
  /** The submission's number in its mode (negative: the untimed warm-up). */
  i: number;
  ms: number;
  /** AC, and everything else the mode checks (every test AC; under the default policy, the checks ran). */
  ok: boolean;
  verdict: string;
  /** Why a submission that is not ok failed, when the verdict alone does not say. */
  why?: string;
  /** Bastion only: ms from POST to the worker's `compiling` / `running` events, and server-side createdAt→finishedAt. */
  toCompiling?: number;
  toRunning?: number;
  serverMs?: number;
}

export interface Stats {
  n: number;
  ok: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
  wallS: number;
  throughput: number;
  verdicts: Record<string, number>;
}

export interface ModeResult {
  key: ModeKey;
  label: string;
  /** Every submission, warm-ups included, was ok. A failed mode's figures are kept as evidence, never used. */
  passed: boolean;
  failures: string[];
  all: Stats;
  perLanguage: Partial<Record<Lang, Stats>>;
  loadavgBefore: number[];
  /** The wait for a quiet machine before the mode (null: /proc not readable). */
  settled?: { waitedS: number; busyAtStart: number } | null;
  loadavgAfter: number[];
  /** Every timed submission's latency in ms, per language, in completion order. */
  ms: Partial<Record<Lang, number[]>>;
  /** CPU per timed submission by process (cpu.ts); null where /proc cannot be read. */
  cpu: CpuUse | null;
  /** Bastion only, p50 in ms per language and overall: POST → `compiling`, POST → `running`, server createdAt → finishedAt. */
  breakdown?: Record<string, { toCompilingP50: number | null; toRunningP50: number | null; serverP50: number | null }>;
}

export const now = () => performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const loadNow = () => loadavg().map((x) => Math.round(x * 100) / 100);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Nearest-rank percentile. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

export function stats(samples: Sample[], wallS: number): Stats {
  const ms = samples.map((s) => s.ms);
  const verdicts: Record<string, number> = {};
  for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
  return {
    n: samples.length,
    ok: samples.filter((s) => s.ok).length,
    p50: round1(pct(ms, 0.5)),
    p95: round1(pct(ms, 0.95)),
    mean: round1(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)),
    min: round1(Math.min(...ms)),
    max: round1(Math.max(...ms)),
    wallS: Math.round(wallS * 100) / 100,
    throughput: Math.round((samples.length / wallS) * 1000) / 1000,
    verdicts,
  };
}

/** One line per submission that is not ok: "python #0: WA (test 1: WA)". */
export const failuresOf = (samples: Sample[]): string[] =>
  samples
    .filter((s) => !s.ok)
    .map((s) => `${s.lang} ${s.i < 0 ? 'warm-up' : `#${s.i}`}: ${s.verdict}${s.why ? ` (${s.why})` : ''}`);

/** Errors that must stop the whole benchmark instead of counting as one failed submission. */
export class Fatal extends Error {}

/** Runs `count` submissions of one language with `CONCURRENCY` closed-loop clients, with a progress bar. */
async function block(
  title: string,
  count: number,
  one: (i: number) => Promise<Sample>,
): Promise<{ samples: Sample[]; wallS: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const t0 = now();
  const tty = process.stdout.isTTY;
  const draw = () => {
    const done = samples.length;
    const bad = samples.filter((s) => !s.ok).length;
    const bar = '#'.repeat(Math.round((done / count) * 30)).padEnd(30, '.');
    const line = `  ${title.padEnd(22)} [${bar}] ${String(done).padStart(3)}/${count}  ${((now() - t0) / 1000).toFixed(1)} s${bad ? `  ${bad} not AC` : ''}`;
    if (tty) process.stdout.write(`\r${line}`);
    else if (done === count) process.stdout.write(`${line}\n`);
  };
  draw();
  const client = async () => {
    while (next < count) {
      const i = next++;
      samples.push(await one(i));
      draw();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, client));
  const wallS = (now() - t0) / 1000;
  if (tty) process.stdout.write('\n');
  return { samples, wallS };
}

/** Calls `judge`, turning a thrown error (other than Fatal) into a failed sample. */
export async function attempt(lang: Lang, i: number, judge: () => Promise<Sample>): Promise<Sample> {
  const t = now();
  try {
    return await judge();
  } catch (e) {
    if (e instanceof Fatal) throw e;
    return { lang, i, ms: now() - t, ok: false, verdict: 'error', why: (e as Error).message.slice(0, 160) };
  }
}

/** A mode: an untimed warm-up per language, then `count` submissions per language, language after language. */
export async function mode(
  key: ModeKey,
  label: string,
  count: number,
  one: (lang: Lang, i: number) => Promise<Sample>,
  breakdown = false,
): Promise<ModeResult> {
  console.log(`\n${label}`);
  const settled = CpuMeter.available() ? await settle() : null;
  if (settled && settled.waitedS > 1.5)
    console.log(
      `  waited ${settled.waitedS} s for the machine to be quiet (it was ${Math.round(settled.busyAtStart * 100)}% busy)`,
    );
  const loadavgBefore = loadNow();
  const judge = (lang: Lang, i: number) => attempt(lang, i, () => one(lang, i));
  // untimed warm-up, one per language (page cache, gcc, the worker's test-data cache); gated too
  const warmUps: Sample[] = [];
  for (const lang of LANGS) warmUps.push(await judge(lang, -1));
  const perLanguage: Partial<Record<Lang, Stats>> = {};
  const all: Sample[] = [];
  const meter = CpuMeter.available() ? new CpuMeter() : null;
  meter?.start();
  const byLang: Partial<Record<Lang, Sample[]>> = {};
  let wall = 0;
  for (const lang of LANGS) {
    const { samples, wallS } = await block(lang, count, (i) => judge(lang, i));
    perLanguage[lang] = stats(samples, wallS);
    byLang[lang] = samples;
    all.push(...samples);
    wall += wallS;
  }
  const cpu = meter ? meter.stop(all.length) : null;
  const failures = failuresOf([...warmUps, ...all]);
  const res: ModeResult = {
    key,
    label,
    passed: failures.length === 0,
    failures,
    all: stats(all, wall),
    perLanguage,
    loadavgBefore,
    loadavgAfter: loadNow(),
    settled,
    ms: Object.fromEntries(LANGS.map((l) => [l, (byLang[l] ?? []).map((s) => round1(s.ms))])),
    cpu,
  };
  if (breakdown) {
    const bySet = (set: Sample[]) => {
      const med = (k: 'toCompiling' | 'toRunning' | 'serverMs') => {
        const xs = set.map((s) => s[k]).filter((x): x is number => typeof x === 'number');
        return xs.length ? Math.round(pct(xs, 0.5)) : null;
      };
      return { toCompilingP50: med('toCompiling'), toRunningP50: med('toRunning'), serverP50: med('serverMs') };
    };
    res.breakdown = { all: bySet(all), ...Object.fromEntries(LANGS.map((l) => [l, bySet(byLang[l] ?? [])])) };
  }
  if (!res.passed) {
    console.log(`  ✗ ${key} FAILED: ${failures.length} submission(s) not AC; its figures are not used`);
    for (const f of failures.slice(0, 5)) console.log(`    ${f}`);
  }
  return res;
}
