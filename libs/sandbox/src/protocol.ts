/** What the in-image runner reports for one execution (see judge-images/runner/runner.c). */
export type RunnerStatus = 'OK' | 'RE' | 'TLE' | 'MLE' | 'OLE' | 'ERR';

/** Limits for one program execution inside the sandbox. */
export interface RunLimits {
  cpuMs: number;
  wallMs: number;
  outputBytes: number;
  /** Peak resident memory above which the runner reports MLE (0: only the cgroup limit applies). */
  memoryKb: number;
}

export interface RunnerResult {
  status: RunnerStatus;
  exitCode: number | null;
  signal: number | null;
  cpuMs: number;
  wallMs: number;
  memoryKb: number;
  stdout: Buffer;
  stderr: Buffer;
}

const STATUSES: readonly RunnerStatus[] = ['OK', 'RE', 'TLE', 'MLE', 'OLE', 'ERR'];

/** Encodes a RUN command of the in-image runner (judge-images/runner/runner.c). */
export function encodeRun(argv: string[], stdin: Buffer, limits: RunLimits): Buffer {
  const args = Buffer.from(argv.map((a) => `${a}\0`).join(''), 'utf8');
  const head = `RUN ${limits.cpuMs} ${limits.wallMs} ${limits.outputBytes} ${stdin.length} ${args.length} ${limits.memoryKb}\n`;
  return Buffer.concat([Buffer.from(head), stdin, args]);
}

export function encodeFile(path: string, mode: number, data: Buffer): Buffer {
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_./-]*$/.test(path) || path.split('/').includes('..')) {
    throw new Error(`unsafe sandbox path: ${path}`);
  }
  return Buffer.concat([Buffer.from(`FILE ${path} ${mode.toString(8)} ${data.length}\n`), data]);
}

export interface ResultHeader extends Omit<RunnerResult, 'stdout' | 'stderr'> {
  stdoutLength: number;
  stderrLength: number;
}

/** Parses `RESULT <status> <exit> <signal> <cpu_ms> <wall_ms> <mem_kb> <stdout_len> <stderr_len>`. */
export function parseResultHeader(line: string): ResultHeader {
  const parts = line.trim().split(' ');
  if (parts[0] !== 'RESULT' || parts.length !== 9) throw new Error(`unexpected runner reply: ${line.slice(0, 200)}`);
  const status = parts[1] as RunnerStatus;
  if (!STATUSES.includes(status)) throw new Error(`unknown runner status: ${status}`);
  const n = parts.slice(2).map((p) => Number(p));
  if (n.some((x) => !Number.isInteger(x))) throw new Error(`malformed runner reply: ${line.slice(0, 200)}`);
  const [exitCode, signal, cpuMs, wallMs, memoryKb, stdoutLength, stderrLength] = n;
  return {
    status,
    exitCode: exitCode < 0 ? null : exitCode,
    signal: signal > 0 ? signal : null,
    cpuMs,
    wallMs,
    memoryKb,
    stdoutLength,
    stderrLength,
  };
}
