import { javaEntry } from './java-entry';
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

/** What the worker's sandboxes add to the problem's terms: see BastionConfig.sandbox. */
export interface SandboxTerms {
  /** What the sandbox's tmpfs mounts can hold, in MiB. */
  scratchMb?: number;
  /** The runtime's CPU-time factor (1 under runc). */
  timeFactor?: number;
}

/**
 * Per-test limits for a language: CPU scaled by the language's and the runtime's factors, wall
 * clock twice that plus a second.
 */
export function executionLimits(
  p: ProblemLimits,
  lang: LanguageDef,
  largestInputBytes = 0,
  { scratchMb = 0, timeFactor = 1 }: SandboxTerms = {},
): ExecutionLimits {
  const cpuMs = Math.ceil(p.timeLimitMs * lang.timeFactor * timeFactor);
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

/** A measured CPU time in the problem's terms: what the runtime's factor added taken out again. */
export function reportedTimeMs(cpuMs: number, timeFactor = 1): number {
  return Math.round(cpuMs / timeFactor);
}

/** A run argv with the problem's memory limit filled in (`{memMb}`, used by the JVM's -Xmx). */
export function runCommand(lang: LanguageDef, memoryLimitMb: number, source?: string): string[] {
  const argv = lang.run.map((a) => a.replace('{memMb}', String(memoryLimitMb)));
  // Java runs the class that declares main, whatever its name (javaEntry; compileIn checked it).
  const entry = lang.id === 'java' && source !== undefined ? javaEntry(source) : null;
  if (entry?.ok && argv[argv.length - 1] === 'Main') argv[argv.length - 1] = entry.className;
  return argv;
}
