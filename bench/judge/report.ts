/** The ratios (only from modes that passed) and the printed tables. */
import { CONCURRENCY, CORES, GOALS, LANGS, Lang } from './settings';
import { ModeResult, Stats } from './stats';
import { CPU_GROUPS } from './cpu';
import { ApiLoadResult } from './api-load';
import { SecurityLatency } from './security-latency';

type RatioName = keyof typeof GOALS;
type RatioSet = Record<RatioName, number | null>;
export interface Ratios {
  overall: RatioSet;
  perLanguage: Partial<Record<Lang, RatioSet>>;
  goals: Record<RatioName, { goal: string; met: boolean | null }>;
  /** Why a ratio is null. */
  withheld: string[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;
/** Which modes each ratio is made of: a ratio is withheld when one of them failed. */
const MADE_OF: Record<RatioName, ['bare' | 'naive', 'bastion']> = {
  overheadRatio: ['bare', 'bastion'],
  speedupVsNaive: ['naive', 'bastion'],
  throughputRatio: ['bare', 'bastion'],
};
const AT_MOST: Record<RatioName, boolean> = { overheadRatio: true, speedupVsNaive: false, throughputRatio: false };

export function ratiosOf(modes: Partial<Record<string, ModeResult>>): Ratios {
  const withheld: string[] = [];
  const usable = (name: RatioName) => {
    const bad = MADE_OF[name].filter((k) => !modes[k]?.passed);
    if (bad.length) withheld.push(`${name}: ${bad.join(' and ')} failed`);
    return !bad.length;
  };
  const ok = Object.fromEntries((Object.keys(MADE_OF) as RatioName[]).map((n) => [n, usable(n)])) as Record<
    RatioName,
    boolean
  >;
  const set = (pick: (m: ModeResult) => Stats | undefined): RatioSet => {
    const [b, n, s] = (['bare', 'naive', 'bastion'] as const).map((k) => (modes[k] ? pick(modes[k]) : undefined));
    return {
      overheadRatio: ok.overheadRatio && b && s ? r2(s.p50 / b.p50) : null,
      speedupVsNaive: ok.speedupVsNaive && n && s ? r2(n.p50 / s.p50) : null,
      throughputRatio: ok.throughputRatio && b && s ? r2(s.throughput / b.throughput) : null,
    };
  };
  const overall = set((m) => m.all);
  const goals = Object.fromEntries(
    (Object.keys(GOALS) as RatioName[]).map((n) => {
      const v = overall[n];
      const met = v === null ? null : AT_MOST[n] ? v <= GOALS[n] : v >= GOALS[n];
      return [n, { goal: `${AT_MOST[n] ? '≤' : '≥'} ${GOALS[n]}`, met }];
    }),
  ) as Ratios['goals'];
  return {
    overall,
    perLanguage: Object.fromEntries(LANGS.map((l) => [l, set((m) => m.perLanguage[l])])),
    goals,
    withheld,
  };
}

const fmt = (x: number, w = 9, d = 1) => x.toFixed(d).padStart(w);

/** CPU per submission by process, one row per mode: where a submission's cost lies beyond its own work. */
export function printCpu(modes: Partial<Record<string, ModeResult>>): void {
  const rows = Object.entries(modes).filter(([, m]) => m?.cpu);
  if (!rows.length) return;
  console.log(
    '\nCPU per submission by process (ms; machine = all busy CPU, unseen = processes shorter than a poll, interrupts)',
  );
  console.log(`${'mode'.padEnd(16)}${'machine'.padStart(8)}${CPU_GROUPS.map((g) => g.padStart(11)).join('')}`);
  for (const [key, m] of rows) {
    const c = m!.cpu!;
    console.log(
      `${key.padEnd(16)}${String(c.machineMs).padStart(8)}${CPU_GROUPS.map((g) => String(c.byGroup[g]).padStart(11)).join('')}`,
    );
  }
}

export function printModes(modes: Partial<Record<string, ModeResult>>): void {
  console.log(
    `\nResults (${CORES} cores, concurrency ${CONCURRENCY}; latency per submission in ms, throughput in submissions/s)`,
  );
  console.log(
    `${'mode'.padEnd(16)}${'lang'.padEnd(8)}${'n'.padStart(4)}${'AC'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'thr/s'.padStart(9)}${'load1'.padStart(7)}`,
  );
  for (const [key, m] of Object.entries(modes)) {
    if (!m) continue;
    for (const [lang, s] of [...Object.entries(m.perLanguage), ['all', m.all]] as [string, Stats][]) {
      const row = `${key.padEnd(16)}${lang.padEnd(8)}${String(s.n).padStart(4)}${String(s.ok).padStart(5)}`;
      console.log(
        m.passed
          ? `${row}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.throughput, 9, 2)}${lang === 'all' ? fmt(m.loadavgAfter[0], 7, 2) : ''}`
          : `${row}   FAILED (${JSON.stringify(s.verdicts)})`,
      );
    }
  }
  for (const key of ['bastion', 'bastionSecure']) {
    const m = modes[key];
    if (!m?.passed) continue;
    for (const [lang, b] of Object.entries(m.breakdown ?? {})) {
      console.log(
        `${key} ${lang}: p50 POST→compiling ${b.toCompilingP50 ?? '?'} ms, POST→running ${b.toRunningP50 ?? '?'} ms, server createdAt→finishedAt ${b.serverP50 ?? '?'} ms`,
      );
    }
  }
}

export function printSecurity(s: SecurityLatency): void {
  console.log('\nSecurity checks, one submission at a time (p50 ms: security off → default policy)');
  for (const pattern of ['backToBack', 'spaced'] as const) {
    for (const [lang, x] of Object.entries(s[pattern].byLanguage)) {
      console.log(
        x.passed
          ? `  ${pattern.padEnd(10)} ${lang.padEnd(7)} ${x.offP50} → ${x.defaultP50}  (+${x.addedMs} ms, ×${x.ratio})`
          : `  ${pattern.padEnd(10)} ${lang.padEnd(7)} FAILED: ${x.failures.length} submission(s) not AC`,
      );
    }
  }
}

export function printRatios(r: Ratios): void {
  console.log('\nRatios (all languages; per language below)');
  const line = (n: RatioName, what: string) => {
    const v = r.overall[n];
    const g = r.goals[n];
    console.log(
      `  ${n.padEnd(16)} ${v === null ? 'withheld'.padStart(8) : v.toFixed(2).padStart(8)}   goal ${g.goal}   ${g.met === null ? '—' : g.met ? 'met' : 'NOT met'}     (${what})`,
    );
  };
  line('overheadRatio', 'Bastion p50 ÷ bare p50');
  line('speedupVsNaive', 'naive p50 ÷ Bastion p50');
  line('throughputRatio', 'Bastion throughput ÷ bare throughput');
  for (const [l, x] of Object.entries(r.perLanguage)) {
    if (x)
      console.log(
        `  ${l.padEnd(7)} overhead ${x.overheadRatio}  speed-up ${x.speedupVsNaive}  throughput ${x.throughputRatio}`,
      );
  }
  for (const w of r.withheld) console.log(`  withheld: ${w}`);
}

export function printLoad(a: ApiLoadResult): void {
  console.log(`\nAPI load (autocannon)${a.passed ? '' : ' — FAILED'}`);
  for (const x of [a.get, a.post]) {
    console.log(
      `  ${x.what.padEnd(30)} ${x.rate} req/s × ${x.durationS} s: ${x.requests} requests, p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms, non-2xx ${x.non2xx}, errors ${x.errors}`,
    );
  }
  const queued = a.post.statusCodes['202'] ?? 0;
  if (a.postDrain.drainedS !== null)
    console.log(
      `  the ${queued} POSTed submissions were judged ${a.postDrain.drainedS} s after the load ended (backlog)`,
    );
  console.log(`  their verdicts: ${JSON.stringify(a.postDrain.verdicts)}`);
}
