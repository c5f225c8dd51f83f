/**
 * Judging the sampled programs through the running system. One problem serves every language: its
 * tests are inputs a judged program reads or ignores (a number in range, numbers just past a
 * 10-element buffer, zero (a divisor), negative and extreme 32- and 64-bit integers, a format-string probe, a long line, a shell
 * metacharacter, a path climbing out). They are ordinary tests, not attack tests, so a program that
 * merely crashes is not a finding: what is measured is what the static analyzers and the sanitizer
 * replays (which run over the tests) report. Functional verdicts are not the point (WA is expected).
 */
import { importPackage, RateLimited, result, submit, SubmissionView } from './api';
import { BenchCase } from './corpus/case';
import { Part } from './split';

export const INPUTS = [
  '7',
  '10',
  '0',
  '-1',
  '2147483647',
  '-2147483648',
  '9223372036854775807',
  '%s%s%s%s%s%s%s%s%s%s%s%s%n%n%n%n',
  'A'.repeat(600),
  'x; echo BENCH_INJECTED',
  '../../../../../../etc/passwd',
];

/** The benchmark problem's package; `security`: the default policy, else every check off (for latency). */
export function problemPackage(security: boolean): Record<string, string> {
  const files: Record<string, string> = {
    'problem.yaml': 'name: Security benchmark\nlimits:\n  time_limit: 2\n',
    'bastion.yaml': security
      ? 'security:\n  static: true\n  sanitizers: true\n'
      : 'security:\n  static: false\n  sanitizers: false\n',
  };
  INPUTS.forEach((input, k) => {
    const base = k === 0 ? 'data/sample/1' : `data/secret/${String(k).padStart(2, '0')}`;
    files[`${base}.in`] = `${input}\n`;
    files[`${base}.ans`] = '0\n';
  });
  return files;
}

export async function importProblems(stamp: string, latency: boolean) {
  const slug = await importPackage(`bench-security-${stamp}`, problemPackage(true));
  const off = latency ? await importPackage(`bench-security-${stamp}-off`, problemPackage(false)) : null;
  return { slug, off };
}

export type Twin = 'vulnerable' | 'safe';

export interface Judged {
  id: string;
  part: Part;
  suite: string;
  language: string;
  family: string;
  twin: Twin;
  submission: string | null;
  /** done, failed, timeout, or error (the benchmark could not submit it). */
  status: string;
  verdict: string | null;
  security: string | null;
  findings: { tool: string; ruleId: string; cwe: string; severity: string; line: number }[];
  /** From submission to result, as the server recorded it. */
  serverMs: number | null;
  /** The case's declared incidental flaws (BenchCase.incidental). */
  incidental?: number[];
  error?: string;
}

export interface Job {
  part: Part;
  case: BenchCase;
  twin: Twin;
}

export function jobsOf(sampled: { part: Part; case: BenchCase }[]): Job[] {
  return sampled.flatMap(({ part, case: c }) =>
    (['vulnerable', 'safe'] as const).filter((t) => c[t] !== null).map((twin) => ({ part, case: c, twin })),
  );
}

export function view(job: Job, sub: SubmissionView | null, error?: string): Judged {
  const c = job.case;
  return {
    id: c.id,
    part: job.part,
    suite: c.suite,
    language: c.language,
    family: c.family,
    twin: job.twin,
    submission: sub?.id ?? null,
    status: sub?.status ?? 'error',
    verdict: sub?.verdict ?? null,
    security: sub?.security?.verdict ?? null,
    findings: (sub?.security?.findings ?? []).map((f) => ({
      tool: f.tool,
      ruleId: f.ruleId,
      cwe: f.cwe,
      severity: f.severity,
      line: f.line,
    })),
    serverMs: sub?.finishedAt ? Date.parse(sub.finishedAt) - Date.parse(sub.createdAt) : null,
    ...(c.incidental?.length ? { incidental: c.incidental } : {}),
    ...(error ? { error } : {}),
  };
}

/** Judges every job, `concurrency` at a time; `progress` hears of each result. */
export async function judgeAll(
  slug: string,
  jobs: Job[],
  concurrency: number,
  timeoutMs: number,
  progress: (done: number, job: Job, j: Judged) => void,
): Promise<Judged[]> {
  const out: Judged[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      const job = jobs[k];
      try {
        const id = await submit(slug, job.case.language, job.case[job.twin]!);
        out[k] = view(job, await result(id, timeoutMs));
      } catch (e) {
        if (e instanceof RateLimited || e instanceof TypeError) throw e; // no point going on
        out[k] = view(job, null, (e as Error).message);
      }
      progress(++done, job, out[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return out;
}
