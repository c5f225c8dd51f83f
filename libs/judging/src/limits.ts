import { LanguageDef } from '@bastion/contracts';

export interface ExecutionLimits {
  cpuMs: number;
  wallMs: number;
  outputBytes: number;
  /** Peak RSS the runner accepts before calling it MLE. */
  memoryKb: number;
  /** The container's cgroup limit while tests run: the program's allowance plus room for the runner and files. */
  containerMemoryMb: number;
}

export interface ProblemLimits {
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes: number;
}

/** Fixed room in the container for the runner and the tmpfs files (source, binary, one test input). */
export const CONTAINER_HEADROOM_MB = 64;

/**
 * Per-test limits for a language: CPU scaled by the language's factor, wall clock twice that plus a
 * second; `scratchMb` is what the sandbox's tmpfs mounts can hold.
 */
export function executionLimits(
  p: ProblemLimits,
  lang: LanguageDef,
  largestInputBytes = 0,
  scratchMb = 0,
): ExecutionLimits {
  const cpuMs = Math.ceil(p.timeLimitMs * lang.timeFactor);
  const allowanceMb = p.memoryLimitMb + lang.memoryExtraMb;
  return {
    cpuMs,
    wallMs: cpuMs * 2 + 1000,
    outputBytes: p.outputLimitBytes,
    memoryKb: allowanceMb * 1024,
    // The container also holds what the tmpfs mounts may keep (scratchMb): a program that fills them
    // must not push the runner itself into the OOM killer. The program's own allowance is enforced by
    // the runner's RSS check, so this larger cgroup limit is only the backstop.
    containerMemoryMb: allowanceMb + CONTAINER_HEADROOM_MB + scratchMb + Math.ceil(largestInputBytes / (1024 * 1024)),
  };
}

/** A run argv with the problem's memory limit filled in (`{memMb}`, used by the JVM's -Xmx). */
export function runCommand(lang: LanguageDef, memoryLimitMb: number): string[] {
  return lang.run.map((a) => a.replace('{memMb}', String(memoryLimitMb)));
}
