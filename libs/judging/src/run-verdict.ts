import { RunVerdict, Verdict } from '@bastion/contracts';
import type { RunnerResult } from '@bastion/sandbox';

/**
 * What a run says of the program before its output is checked, for a test and for /runs alike: the
 * runner's status, with ERR (the judge's failure, never the program's) as IE, and the JVM's heap
 * exhaustion at -Xmx (an exception and exit code 1) as MLE, not RE.
 */
export function runVerdict(language: string, r: Pick<RunnerResult, 'status' | 'stderr'>): RunVerdict {
  if (r.status === 'RE' && isJvmOutOfMemory(language, r.stderr)) return 'MLE';
  return r.status === 'ERR' ? 'IE' : r.status;
}

/** A test's verdict from its run's: a run that ended OK is AC or WA as the checker found its output. */
export function testVerdict(run: RunVerdict, accepted: boolean): Verdict {
  if (run === 'OK') return accepted ? 'AC' : 'WA';
  return run;
}

/** The JVM reports heap exhaustion at -Xmx as an exception and exit code 1. */
export function isJvmOutOfMemory(language: string, stderr: Buffer): boolean {
  return language === 'java' && stderr.includes('java.lang.OutOfMemoryError');
}
