/**
 * What the security checks add to a verdict: the same safe programs judged one at a time, in turn
 * on the benchmark problem (default policy) and on its twin with every check off; the server's own
 * submission-to-result time, median per language. One at a time, so queueing does not count.
 */
import { result, submit } from './api';
import { Job } from './judge';

export interface LatencyRow {
  language: string;
  programs: number;
  medianOnMs: number | null;
  medianOffMs: number | null;
  ratio: number | null;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function serverMs(slug: string, language: string, source: string, timeoutMs: number): Promise<number | null> {
  const sub = await result(await submit(slug, language, source), timeoutMs);
  return sub.status === 'done' && sub.finishedAt ? Date.parse(sub.finishedAt) - Date.parse(sub.createdAt) : null;
}

/** Up to `perLanguage` safe programs of each language (tuning part first). */
export async function measureLatency(
  on: string,
  off: string,
  jobs: Job[],
  perLanguage: number,
  timeoutMs: number,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const languages = [...new Set(jobs.map((j) => j.case.language))].sort();
  for (const language of languages) {
    const picked = jobs
      .filter((j) => j.twin === 'safe' && j.case.language === language)
      .sort((a, b) => (a.part === b.part ? 0 : a.part === 'tuning' ? -1 : 1))
      .slice(0, perLanguage);
    const onMs: number[] = [];
    const offMs: number[] = [];
    for (const j of picked) {
      const source = j.case.safe!;
      const a = await serverMs(off, language, source, timeoutMs);
      const b = await serverMs(on, language, source, timeoutMs);
      if (a !== null && b !== null) {
        offMs.push(a);
        onMs.push(b);
      }
    }
    const mOn = median(onMs);
    const mOff = median(offMs);
    rows.push({
      language,
      programs: onMs.length,
      medianOnMs: mOn,
      medianOffMs: mOff,
      ratio: mOn !== null && mOff ? Math.round((mOn / mOff) * 100) / 100 : null,
    });
  }
  return rows;
}
