// The replay harness's protocol (judge-images/runner/replay.c): linked into the sanitizer build, it
// starts the sanitizer runtimes once and forks one run per input.

/** The harness object in every judge image (judge-images/runtime). */
export const REPLAY_HARNESS = '/opt/bastion/replay/replay.o';
/**
 * The sanitizer build's flags (before the output, the source and REPLAY_HARNESS). -O0 with the
 * program's own functions instrumented (not the headers'): the harness runs LeakSanitizer's check as
 * main returns, and only unoptimised code keeps main's variables in its frame to the end, so what
 * main still holds is not read as leaked (replay.c). -fuse-ld=gold links against libasan in about
 * half the time of the default linker (linking it statically would start quicker, but LeakSanitizer
 * then missed a plain leak).
 */
export const SANITIZER_BUILD_FLAGS: readonly string[] = [
  '-g',
  '-O0',
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=all',
  '-fno-omit-frame-pointer',
  '-finstrument-functions',
  '-finstrument-functions-exclude-file-list=/usr/',
  '-fuse-ld=gold',
  // unwritten stack variables hold 0xFE bytes, which the harness looks for in the output (replay.c)
  '-ftrivial-auto-var-init=pattern',
];
/** The first bytes of each run's stderr the harness reports (a sanitizer report is a few KiB). */
export const REPLAY_REPORT_BYTES = 64 * 1024;
/** Inputs replayed by one harness process at most, in bytes: they wait on the sandbox's /tmp. */
export const REPLAY_BATCH_BYTES = 16 * 1024 * 1024;

export interface ReplaySettings {
  /** CPU and wall limits of each run. */
  cpuMs: number;
  wallMs: number;
  /** How many of the batch's first runs LeakSanitizer checks at exit. */
  leakCheckedRuns: number;
}

/** The BASTION_REPLAY environment entry that turns main.san into the harness. */
export const replayEnv = (s: ReplaySettings) => `BASTION_REPLAY=${s.cpuMs} ${s.wallMs} ${s.leakCheckedRuns}`;

/** The harness's stdin: per input its length on a line, then its bytes. */
export function encodeReplayInputs(inputs: Buffer[]): Buffer {
  return Buffer.concat(inputs.flatMap((b) => [Buffer.from(`${b.length}\n`), b]));
}

/** Splits inputs (in order) into batches of at most REPLAY_BATCH_BYTES, each with at least one input. */
export function replayBatches<T extends { input: Buffer }>(items: T[], maxBytes = REPLAY_BATCH_BYTES): T[][] {
  const batches: T[][] = [];
  let size = Infinity;
  for (const item of items) {
    if (size + item.input.length > maxBytes) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(item);
    size += item.input.length;
  }
  return batches;
}

export interface ReplayRun {
  index: number;
  /** TLE: over its CPU or wall limit; RE: exited non-zero or was killed by a signal. */
  status: 'OK' | 'RE' | 'TLE';
  exitCode: number | null;
  signal: number | null;
  cpuMs: number;
  stderr: string;
}

/**
 * The runs the harness reported on its stdout, in order, up to the first frame that is cut short
 * (the runner ended the batch) or not the harness's (the program can reach its parent's stdout):
 * what follows is dropped, never thrown.
 */
export function parseReplayReport(out: Buffer): ReplayRun[] {
  const runs: ReplayRun[] = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) break;
    const head = out.subarray(at, nl).toString('latin1');
    const m = /^REPLAY (\d+) (OK|RE|TLE) (-?\d+) (\d+) (\d+) (\d+)$/.exec(head);
    if (!m || Number(m[1]) !== runs.length) break;
    const length = Number(m[6]);
    if (nl + 1 + length > out.length) break;
    const exit = Number(m[3]);
    runs.push({
      index: Number(m[1]),
      status: m[2] as ReplayRun['status'],
      exitCode: exit < 0 ? null : exit,
      signal: Number(m[4]) || null,
      cpuMs: Number(m[5]),
      stderr: out.subarray(nl + 1, nl + 1 + length).toString('utf8'),
    });
    at = nl + 1 + length;
  }
  return runs;
}
