import type { BuiltinChecker, LanguageId, Verdict } from '@bastion/contracts';
import type { TestCaseEntity, TestResultEntity } from '@bastion/db';
import { check, reportedTimeMs, runVerdict, testVerdict } from '@bastion/judging';
import { RunLimits, RunnerResult, Sandbox, SandboxTakenDown } from '@bastion/sandbox';
import { forbiddenOutput } from '@bastion/security';
import type { CustomCheckerSession } from './custom-checker';
import type { SandboxLease } from '../sandbox/lease';

export type NewResult = Omit<TestResultEntity, 'id'>;

/** The part of a test case the stage reads. */
export type StageTest = Pick<
  TestCaseEntity,
  'id' | 'name' | 'ordinal' | 'kind' | 'checkAnswer' | 'answerHash' | 'forbidden'
>;

export interface TestsSettings {
  submissionId: string;
  language: LanguageId;
  argv: string[];
  limits: RunLimits & { containerMemoryMb: number };
  /** The problem's checker: a built-in one, or a custom checker's session in a sandbox of its own. */
  checker: BuiltinChecker | CustomCheckerSession;
  /** The worker's CPU-time factor, taken out of the times reported. */
  timeFactor: number;
}

/** What the stage needs from the judge around it. */
export interface TestsDeps {
  /** A test's answer (the worker's test-data cache). */
  answer(test: StageTest): Promise<Buffer>;
  /** A fresh sandbox with the source compiled again, for the tests after one that took its sandbox down. */
  rebuild(memoryMb: number): Promise<Sandbox>;
  /** Each test's result as soon as it is decided (the progress events). */
  progress(result: NewResult): Promise<void>;
  /** Each run, for the security analysis (SecurityRun.observe). */
  observe(test: string, r: RunnerResult): void;
}

export interface TestsOutcome {
  results: NewResult[];
  /** The tests whose output held a forbidden string (an attack finding says so, never which string). */
  printedForbidden: Set<string>;
}

const isCustom = (c: TestsSettings['checker']): c is CustomCheckerSession =>
  typeof (c as CustomCheckerSession).check === 'function';

/**
 * Runs every test in the leased sandbox, in order, and decides each one's verdict: the run's (runVerdict),
 * then for a run that ended OK the checker's, and WA for output holding a forbidden string. A program
 * that takes its sandbox down is judged once by what it did (MLE, TLE or RE), never retried; the tests
 * after it get a fresh sandbox (the lease's is replaced, and the lost one given back). A runner
 * failure (ERR) is the judge's: it throws, and the judging is retried.
 */
export async function runTests(
  lease: Pick<SandboxLease, 'box' | 'replace'>,
  tests: readonly StageTest[],
  inputs: readonly Buffer[],
  s: TestsSettings,
  deps: TestsDeps,
): Promise<TestsOutcome> {
  const results: NewResult[] = [];
  const printedForbidden = new Set<string>();
  for (const [i, tc] of tests.entries()) {
    let r: RunnerResult;
    let takenDown = '';
    try {
      r = await lease.box.run(s.argv, inputs[i], s.limits);
    } catch (err) {
      if (!(err instanceof SandboxTakenDown)) throw err;
      [r, takenDown] = [err.result, err.message];
      if (i + 1 < tests.length) lease.replace(await deps.rebuild(s.limits.containerMemoryMb));
    }
    if (r.status === 'ERR') throw new Error(`runner failed on test ${tc.name}: ${r.stderr.toString().slice(0, 300)}`);
    deps.observe(tc.name, r);
    let verdict: Verdict = testVerdict(runVerdict(s.language, r), true);
    let message = takenDown;
    if (r.status === 'OK' && tc.checkAnswer) {
      const answer = await deps.answer(tc);
      const c = isCustom(s.checker)
        ? await s.checker.check(inputs[i], answer, r.stdout)
        : check(s.checker, answer, r.stdout);
      verdict = c.ok ? 'AC' : 'WA';
      message = c.message;
    }
    const leaked = r.status === 'OK' ? forbiddenOutput(r.stdout, tc.forbidden) : null;
    if (leaked !== null) {
      [verdict, message] = ['WA', `printed forbidden output "${leaked.slice(0, 80)}"`];
      printedForbidden.add(tc.id);
    }
    const result: NewResult = {
      submissionId: s.submissionId,
      testCaseId: tc.id,
      ordinal: tc.ordinal,
      name: tc.name,
      kind: tc.kind,
      verdict,
      timeMs: reportedTimeMs(r.cpuMs, s.timeFactor),
      memoryKb: r.memoryKb,
      exitCode: r.exitCode,
      message,
    };
    results.push(result);
    await deps.progress(result);
  }
  return { results, printedForbidden };
}
