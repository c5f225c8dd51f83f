/**
 * The figures: per part, language and CWE family —
 *   vulnerable → `vulnerable`: vulnerable programs whose security verdict is `vulnerable`;
 *   … with a right-family CWE: and a finding at the failing severity (high or critical, the default
 *     policy's failOn) whose CWE is of the case's family (families.ts) — the main measure;
 *   any right-family finding: a finding of the family at any severity (found, maybe graded too low);
 *   safe → `vulnerable`: safe programs whose security verdict is `vulnerable` (false positives);
 *   … undeclared: of those, the ones with a failing finding outside the flaws the suite declares
 *     incidental in that case (Juliet's `INCIDENTAL:` comments, e.g. the hard-coded key of a CWE-256
 *     good method): a flag for a declared incidental flaw is right, not a false positive.
 * Programs that did not compile (CE) or were not judged (IE, timeout, error) are left out of the
 * rates and counted apart.
 */
import { rightFamily } from './families';
import { Judged } from './judge';
import { Part, PARTS } from './split';

const FAILING = new Set(['high', 'critical']);

export interface Rates {
  vulnerable: number;
  flagged: number;
  flaggedRightFamily: number;
  anyRightFamily: number;
  safe: number;
  safeFlagged: number;
  safeFlaggedUndeclared: number;
  compileErrors: number;
  notJudged: number;
}

const empty = (): Rates => ({
  vulnerable: 0,
  flagged: 0,
  flaggedRightFamily: 0,
  anyRightFamily: 0,
  safe: 0,
  safeFlagged: 0,
  safeFlaggedUndeclared: 0,
  compileErrors: 0,
  notJudged: 0,
});

export const judged = (j: Judged) => j.status === 'done' && j.verdict !== 'CE';

function add(r: Rates, j: Judged): void {
  if (j.status === 'done' && j.verdict === 'CE') r.compileErrors++;
  else if (!judged(j)) r.notJudged++;
  else if (j.twin === 'vulnerable') {
    r.vulnerable++;
    const flagged = j.security === 'vulnerable';
    if (flagged) r.flagged++;
    if (flagged && j.findings.some((f) => FAILING.has(f.severity) && rightFamily(j.family, f.cwe)))
      r.flaggedRightFamily++;
    if (j.findings.some((f) => rightFamily(j.family, f.cwe))) r.anyRightFamily++;
  } else {
    r.safe++;
    if (j.security === 'vulnerable') r.safeFlagged++;
    if (j.security === 'vulnerable' && !onlyIncidental(j)) r.safeFlaggedUndeclared++;
  }
}

/** Whether every failing finding of a judged program is of a flaw its suite declares incidental. */
export function onlyIncidental(j: Judged): boolean {
  const failing = j.findings.filter((f) => FAILING.has(f.severity));
  const declared = j.incidental ?? [];
  return failing.length > 0 && failing.every((f) => declared.some((cwe) => rightFamily(`CWE${cwe}`, f.cwe)));
}

export type Table = Record<Part, Record<string, { total: Rates; families: Record<string, Rates> }>>;

/** Rates per part → language → (total, per family). */
export function tabulate(results: Judged[]): Table {
  const t = Object.fromEntries(PARTS.map((p) => [p, {}])) as Table;
  for (const j of results) {
    const lang = (t[j.part][j.language] ??= { total: empty(), families: {} });
    add(lang.total, j);
    add((lang.families[j.family] ??= empty()), j);
  }
  return t;
}

/** Rates per part → suite/language. */
export function bySuite(results: Judged[]): Record<Part, Record<string, Rates>> {
  const t = Object.fromEntries(PARTS.map((p) => [p, {}])) as Record<Part, Record<string, Rates>>;
  for (const j of results) add((t[j.part][`${j.suite}/${j.language}`] ??= empty()), j);
  return t;
}

const pct = (n: number, d: number) => (d ? `${n}/${d} (${Math.round((100 * n) / d)}%)` : '—');

function row(label: string, r: Rates): string {
  const cells = [
    label.padEnd(22),
    pct(r.flagged, r.vulnerable).padEnd(14),
    pct(r.flaggedRightFamily, r.vulnerable).padEnd(14),
    pct(r.anyRightFamily, r.vulnerable).padEnd(14),
    pct(r.safeFlagged, r.safe).padEnd(14),
    pct(r.safeFlaggedUndeclared, r.safe).padEnd(14),
    r.compileErrors || r.notJudged ? `${r.compileErrors} CE, ${r.notJudged} not judged` : '',
  ];
  return `  ${cells.join(' ')}`.trimEnd();
}

const HEADER = `  ${'language / family'.padEnd(22)} ${'vuln→vuln'.padEnd(14)} ${'…right CWE'.padEnd(14)} ${'any right CWE'.padEnd(14)} ${'safe→vuln'.padEnd(14)} ${'…undeclared'.padEnd(14)}`;

export function printTable(t: Table, suites: Record<Part, Record<string, Rates>>): void {
  for (const part of PARTS) {
    const langs = Object.keys(t[part]).sort();
    if (!langs.length) continue;
    console.log(`\n${part.toUpperCase()} part`);
    console.log(HEADER);
    for (const lang of langs) {
      console.log(row(lang, t[part][lang].total));
      const fams = Object.entries(t[part][lang].families).sort(([a], [b]) =>
        a.localeCompare(b, 'en', { numeric: true }),
      );
      for (const [fam, r] of fams) console.log(row(`  ${fam}`, r));
    }
    console.log(`  by suite:`);
    for (const [s, r] of Object.entries(suites[part]).sort()) console.log(row(`  ${s}`, r));
  }
}

export interface Patterns {
  falsePositives: { rule: string; programs: number }[];
  wrongFamily: { rule: string; programs: number }[];
  missedFamilies: { family: string; missed: number; belowTheLine: number }[];
}

/** The rules behind false positives and wrong-family flags, and the families missed most, per part. */
export function patterns(results: Judged[], part: Part): Patterns {
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const fp = new Map<string, number>();
  const wrong = new Map<string, number>();
  const missed = new Map<string, { missed: number; belowTheLine: number }>();
  for (const j of results.filter((r) => r.part === part && judged(r))) {
    const failing = j.findings.filter((f) => FAILING.has(f.severity));
    const rules = (fs: typeof failing) => new Set(fs.map((f) => `${j.language} ${f.tool}:${f.ruleId} ${f.cwe}`));
    if (j.twin === 'safe' && j.security === 'vulnerable') rules(failing).forEach((k) => count(fp, k));
    if (j.twin === 'vulnerable' && j.security === 'vulnerable' && !failing.some((f) => rightFamily(j.family, f.cwe)))
      rules(failing).forEach((k) => count(wrong, k));
    if (j.twin === 'vulnerable' && j.security !== 'vulnerable') {
      const m = missed.get(`${j.language} ${j.family}`) ?? { missed: 0, belowTheLine: 0 };
      m.missed++;
      if (j.findings.some((f) => rightFamily(j.family, f.cwe))) m.belowTheLine++;
      missed.set(`${j.language} ${j.family}`, m);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([rule, programs]) => ({ rule, programs }));
  return {
    falsePositives: top(fp),
    wrongFamily: top(wrong),
    missedFamilies: [...missed]
      .sort((a, b) => b[1].missed - a[1].missed)
      .slice(0, 12)
      .map(([family, m]) => ({ family, ...m })),
  };
}

export function printPatterns(part: Part, p: Patterns): void {
  if (!p.falsePositives.length && !p.wrongFamily.length && !p.missedFamilies.length) return;
  console.log(`\n${part}: what made safe programs vulnerable (programs)`);
  for (const f of p.falsePositives) console.log(`  ${String(f.programs).padStart(3)}  ${f.rule}`);
  console.log(`${part}: failing findings on vulnerable programs, none of the right family (programs)`);
  for (const f of p.wrongFamily) console.log(`  ${String(f.programs).padStart(3)}  ${f.rule}`);
  console.log(`${part}: vulnerable programs left secure (of which the family was found below the line)`);
  for (const m of p.missedFamilies) console.log(`  ${String(m.missed).padStart(3)}  ${m.family} (${m.belowTheLine})`);
}
