import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LANGUAGES } from '@bastion/contracts';
import { RunEntity, RunResult } from '@bastion/db';
import { executionLimits, reportedTimeMs, runCommand, runVerdict } from '@bastion/judging';
import { RunnerResult, SandboxTakenDown } from '@bastion/sandbox';
import { compileIn } from '../judging/compile';
import { PoolService } from '../sandbox/pool.service';
import { withLease } from '../sandbox/lease';

/** Limits of a one-off run, which has no problem to take them from. */
export const RUN_LIMITS = { timeLimitMs: 5000, memoryLimitMb: 256, outputLimitBytes: 1024 * 1024 };
/** How much of each stream a run returns; the rest is cut and marked truncated. */
export const RUN_STREAM_BYTES = 64 * 1024;

const cut = (b: Buffer): [string, boolean] => [
  b.subarray(0, RUN_STREAM_BYTES).toString('utf8'),
  b.length > RUN_STREAM_BYTES,
];

/** Runs code once on the given stdin (the web app's Run button, Judge0-style use). */
@Injectable()
export class RunService {
  private readonly log = new Logger(RunService.name);

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @InjectRepository(RunEntity) private readonly runs: Repository<RunEntity>,
    private readonly pool: PoolService,
  ) {}

  async execute(runId: string): Promise<void> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run) return this.log.warn(`run ${runId} does not exist; job dropped`);
    if (run.status === 'done') return;
    const lang = LANGUAGES[run.language];
    const result = await withLease(this.pool, lang.image, async ({ box }): Promise<RunResult> => {
      const compiled = await compileIn(box, lang, run.source, this.config);
      if (!compiled.ok) return { ...EMPTY, verdict: 'CE', compileOutput: compiled.output };
      const limits = executionLimits(RUN_LIMITS, lang, run.stdin.length, this.pool.terms);
      await box.setMemoryLimit(limits.containerMemoryMb);
      let r: RunnerResult;
      try {
        r = await box.run(runCommand(lang, RUN_LIMITS.memoryLimitMb, run.source), run.stdin, limits);
      } catch (err) {
        // The program took its sandbox down (see SandboxTakenDown): its verdict, not a retry
        // that would run it again; its stderr says what happened.
        if (!(err instanceof SandboxTakenDown)) throw err;
        r = err.result;
      }
      const [stdout, stdoutTruncated] = cut(r.stdout);
      const [stderr, stderrTruncated] = cut(r.stderr);
      if (r.status === 'ERR') throw new Error(`runner failed: ${stderr.slice(0, 300)}`);
      return {
        verdict: runVerdict(lang.id, r),
        stdout,
        stderr,
        stdoutTruncated: stdoutTruncated || r.status === 'OLE',
        stderrTruncated,
        exitCode: r.exitCode,
        signal: r.signal,
        timeMs: reportedTimeMs(r.cpuMs, this.pool.terms.timeFactor),
        memoryKb: r.memoryKb,
        compileOutput: compiled.output || null,
      };
    });
    await this.runs.update({ id: runId }, { status: 'done', result });
  }

  async markInternalError(runId: string): Promise<void> {
    await this.runs.update({ id: runId }, { status: 'done', result: { ...EMPTY, verdict: 'IE' } });
  }
}

const EMPTY: RunResult = {
  verdict: 'IE',
  stdout: '',
  stderr: '',
  stdoutTruncated: false,
  stderrTruncated: false,
  exitCode: null,
  signal: null,
  timeMs: 0,
  memoryKb: 0,
  compileOutput: null,
};
