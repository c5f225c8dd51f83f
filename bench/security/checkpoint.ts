/**
 * Every judged program is appended to a checkpoint (JSON lines) the moment its result arrives, so a
 * run that is stopped (a shared machine, a lock taken back) loses nothing: `--resume FILE` judges
 * only what the file does not hold yet. A result is reused only for the same case, twin and
 * program text.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Judged } from './judge';

export const jobKey = (j: Job) =>
  `${j.case.id}\0${j.twin}\0${createHash('sha256')
    .update(j.case[j.twin] ?? '')
    .digest('hex')
    .slice(0, 16)}`;

export class Checkpoint {
  private readonly done = new Map<string, Judged>();

  constructor(readonly file: string) {
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { key, judged } = JSON.parse(line) as { key: string; judged: Judged };
      this.done.set(key, judged);
    }
  }

  static fresh(stamp: string): Checkpoint {
    return new Checkpoint(join(tmpdir(), `bastion-bench-security-${stamp}.jsonl`));
  }

  /**
   * A result already judged for this job (same case, twin and program), with the job's part and
   * the case's declared incidental flaws as the corpus reads them now (they are the suite's, not
   * the judgement's).
   */
  get(job: Job): Judged | undefined {
    const j = this.done.get(jobKey(job));
    if (!j) return undefined;
    const { incidental: _kept, ...rest } = j;
    const incidental = job.case.incidental ?? [];
    return { ...rest, part: job.part, ...(incidental.length ? { incidental } : {}) };
  }

  get size(): number {
    return this.done.size;
  }

  add(job: Job, judged: Judged): void {
    this.done.set(jobKey(job), judged);
    appendFileSync(this.file, `${JSON.stringify({ key: jobKey(job), judged })}\n`);
  }
}
