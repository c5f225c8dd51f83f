import { RunVerdict, Verdict } from '@bastion/contracts';

/** What the in-image runner reports for one execution (see judge-images/runner/runner.c). */
export type RunnerStatus = 'OK' | 'RE' | 'TLE' | 'MLE' | 'OLE' | 'ERR';

/** A runner status as a run verdict: ERR is the judge's failure, never the program's. */
export function toRunVerdict(status: RunnerStatus): RunVerdict {
  return status === 'ERR' ? 'IE' : status;
}

/** A runner status as a test verdict, given whether the checker accepted the output. */
export function toTestVerdict(status: RunnerStatus, accepted: boolean): Verdict {
  if (status === 'OK') return accepted ? 'AC' : 'WA';
  return status === 'ERR' ? 'IE' : status;
}

/** The JVM reports heap exhaustion at -Xmx as an exception and exit code 1: that is MLE, not RE. */
export function isJvmOutOfMemory(language: string, stderr: Buffer): boolean {
  return language === 'java' && stderr.includes('java.lang.OutOfMemoryError');
}
