/**
 * What the security checks add to the verdict a student waits for: the same programs judged one at a
 * time, alternating between the problem with security off and the one with the default policy.
 * Every submission of a pair is gated: a failure anywhere voids that language's figures (a fast
 * failure on one side would shrink or inflate the difference).
 */
import { LANGS, Lang, SECURITY_GAP_MS } from './settings';
import { bastion } from './bastion-api';
import { Sample, attempt, failuresOf, loadNow, pct, sleep } from './stats';

export interface SecurityCell {
  passed: boolean;
  failures: string[];
  pairs: number;
  /** p50 in ms, security off → default policy, and the difference; null when a submission failed. */
  offP50: number | null;
  defaultP50: number | null;
  addedMs: number | null;
  ratio: number | null;
  /** Every submission's latency in ms, in the order judged (evidence, kept for failed cells too). */
  offMs: number[];
  defaultMs: number[];
}
export interface SecurityPattern {
  gapMs: number;
  loadavgBefore: number[];
  loadavgAfter: number[];
  byLanguage: Partial<Record<Lang, SecurityCell>>;
}
export type SecurityLatency = { passed: boolean; failures: string[] } & Record<
  'backToBack' | 'spaced',
  SecurityPattern
>;

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function measureSecurityLatency(
  offSlug: string,
  defaultSlug: string,
  count: number,
): Promise<SecurityLatency> {
  const patterns: Partial<Record<'backToBack' | 'spaced', SecurityPattern>> = {};
  const failures: string[] = [];
  const judgeOff = bastion('security', offSlug, false, 10_000);
  const judgeOn = bastion('security', defaultSlug, true, 20_000);
  // Back to back: the next submission as soon as the verdict is in (the worker never idles);
  // spaced: a pause between submissions, as on a judge that is not saturated.
  for (const [pattern, gapMs] of [
    ['backToBack', 0],
    ['spaced', SECURITY_GAP_MS],
  ] as const) {
    console.log(
      `\nsecurity checks — one submission at a time (${pattern === 'spaced' ? `${gapMs} ms apart` : 'back to back'}), security off and default policy interleaved`,
    );
    const p: SecurityPattern = { gapMs, loadavgBefore: loadNow(), loadavgAfter: [], byLanguage: {} };
    for (const lang of LANGS) {
      const off: Sample[] = [];
      const on: Sample[] = [];
      // In the order off, on, on, off, off, on, …: back to back, the warm pool's refills land on
      // every other submission, and a plain alternation would hand them all to one of the two.
      for (let i = 0; i < count; i++) {
        const pair = [
          async () => off.push(await attempt(lang, i, () => judgeOff(lang, i))),
          async () => on.push(await attempt(lang, i, () => judgeOn(lang, i))),
        ];
        for (const judge of i % 2 ? pair.reverse() : pair) {
          await sleep(gapMs);
          await judge();
        }
      }
      const cellFailures = [
        ...failuresOf(off).map((f) => `${pattern}, security off: ${f}`),
        ...failuresOf(on).map((f) => `${pattern}, default policy: ${f}`),
      ];
      const passed = cellFailures.length === 0;
      const [a, b] = [
        pct(
          off.map((s) => s.ms),
          0.5,
        ),
        pct(
          on.map((s) => s.ms),
          0.5,
        ),
      ];
      const cell: SecurityCell = {
        passed,
        failures: cellFailures,
        pairs: count,
        offP50: passed ? Math.round(a) : null,
        defaultP50: passed ? Math.round(b) : null,
        addedMs: passed ? Math.round(b - a) : null,
        ratio: passed ? Math.round((b / a) * 100) / 100 : null,
        offMs: off.map((s) => round1(s.ms)),
        defaultMs: on.map((s) => round1(s.ms)),
      };
      p.byLanguage[lang] = cell;
      failures.push(...cellFailures);
      if (passed) console.log(`  ${lang}: ${cell.offP50} ms → ${cell.defaultP50} ms (+${cell.addedMs})`);
      else {
        console.log(`  ✗ ${lang}: FAILED, ${cellFailures.length} submission(s) not AC; no figures`);
        for (const f of cellFailures.slice(0, 5)) console.log(`    ${f}`);
      }
    }
    p.loadavgAfter = loadNow();
    patterns[pattern] = p;
  }
  return {
    passed: failures.length === 0,
    failures,
    backToBack: patterns.backToBack as SecurityPattern,
    spaced: patterns.spaced as SecurityPattern,
  };
}
