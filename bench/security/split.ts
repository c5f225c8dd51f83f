/**
 * The deterministic split and sample. A case's part follows from a hash of its id alone (70 %
 * "tuning", 30 % "held-out"), so adding suites or cases never moves a case between parts. Inside a
 * part, each (suite, language, family) group is ordered by a second hash, one case per template
 * (Juliet's functional variant) before any second one, and the first N that build are judged.
 */
import { createHash } from 'node:crypto';
import { BenchCase, Candidate, isSkip } from './corpus/case';

export type Part = 'tuning' | 'held-out';
export const PARTS: readonly Part[] = ['tuning', 'held-out'];
export const TUNING_SHARE = 0.7;

/** A number in [0, 1) from the first 32 bits of sha256(`salt` + text). */
export function unitHash(text: string, salt = ''): number {
  return (
    createHash('sha256')
      .update(salt + text)
      .digest()
      .readUInt32BE(0) /
    2 ** 32
  );
}

export const partOf = (id: string): Part => (unitHash(id) < TUNING_SHARE ? 'tuning' : 'held-out');

export const groupKey = (c: Pick<Candidate, 'suite' | 'language' | 'family'>) => `${c.suite}/${c.language}/${c.family}`;

/** Candidates in the order they are tried: by hash, each template once before any twice. */
export function sampleOrder<T extends Pick<Candidate, 'id' | 'variant'>>(candidates: readonly T[]): T[] {
  const sorted = [...candidates].sort((a, b) => unitHash(a.id, 'sample:') - unitHash(b.id, 'sample:'));
  const round = new Map<string, number>();
  const keyed = sorted.map((c) => {
    const r = round.get(c.variant) ?? 0;
    round.set(c.variant, r + 1);
    return { c, r };
  });
  return keyed.sort((a, b) => a.r - b.r).map((k) => k.c); // stable: hash order inside a round
}

export interface Sampled {
  part: Part;
  case: BenchCase;
}

export interface SampleStats {
  /** Candidates per group and part, before sampling. */
  candidates: Record<string, Record<Part, number>>;
  /** Why candidates that were tried could not be used (not buildable, no twin…), counted. */
  skipped: Record<string, number>;
}

/** One (suite, language, family, part): its candidates in sampling order, how far tried, what was taken. */
interface Group {
  part: Part;
  order: Candidate[];
  next: number;
  taken: BenchCase[];
}

/**
 * Picks up to `perFamily` buildable cases per group and part. `check` is a last, batched check on
 * built cases (e.g. that gcc accepts both twins): null to use a case, else why not. Each group
 * builds a few more than it needs; a group left short gets another round.
 */
export async function sample(
  candidates: readonly Candidate[],
  perFamily: number,
  parts: readonly Part[],
  check: (cases: BenchCase[]) => Promise<Map<string, string | null>>,
): Promise<{ sampled: Sampled[]; stats: SampleStats }> {
  const groups = new Map<string, Group>();
  const stats: SampleStats = { candidates: {}, skipped: {} };
  for (const c of candidates) {
    const part = partOf(c.id);
    const g = groupKey(c);
    stats.candidates[g] ??= { tuning: 0, 'held-out': 0 };
    stats.candidates[g][part]++;
    if (!parts.includes(part)) continue;
    const k = `${g}\0${part}`;
    if (!groups.has(k)) groups.set(k, { part, order: [], next: 0, taken: [] });
    groups.get(k)!.order.push(c);
  }
  for (const g of groups.values()) g.order = sampleOrder(g.order);
  const skip = (why: string) => {
    const reason = why.replace(/:.*$/, '');
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
  };
  for (let round = 0; round < 4; round++) {
    const batch: { g: Group; c: BenchCase }[] = [];
    for (const g of groups.values()) {
      const want = perFamily - g.taken.length + Math.max(2, perFamily);
      let built = 0;
      while (g.taken.length < perFamily && built < want && g.next < g.order.length) {
        const b = g.order[g.next++].build();
        if (isSkip(b)) skip(b.skip);
        else {
          batch.push({ g, c: b });
          built++;
        }
      }
    }
    if (!batch.length) break;
    const verdicts = await check(batch.map((b) => b.c));
    for (const { g, c } of batch) {
      const why = verdicts.get(c.id) ?? null;
      if (why) skip(why);
      else if (g.taken.length < perFamily) g.taken.push(c);
    }
  }
  const sampled: Sampled[] = [];
  for (const [, g] of [...groups].sort(([a], [b]) => a.localeCompare(b)))
    for (const c of g.taken) sampled.push({ part: g.part, case: c });
  return { sampled, stats };
}
