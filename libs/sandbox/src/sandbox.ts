import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import { ByteQueue } from './byte-queue';
import { containerSpec, SandboxSettings } from './container-spec';
import { encodeFile, encodeRun, parseResultHeader, RunLimits, RunnerResult } from './protocol';

/** The judge's own failure around a sandbox (never the program's fault): reported as IE. */
export class SandboxError extends Error {}

/**
 * A program took its sandbox down while the runner ran it: the container ended, or its runner
 * stopped answering, by the program's doing. That is a verdict (`result`, as the runner would
 * have reported it), never an IE, and the sandbox is gone: whatever comes next needs a fresh one.
 *
 * Under runc only the out-of-memory killer gets here (see SandboxOutOfMemory): the kernel shields
 * the runner, PID 1 of its namespace, from the program's signals, and a fork bomb only meets
 * failing forks. Under gVisor (runsc 2022-12, ptrace platform) a program can also
 * - exhaust the container's host processes, which the Sentry needs for its own threads and the
 *   program's address spaces: the Sentry exits (code 2) -> TLE, what runc gives a fork bomb;
 * - end the Sentry by filling memory: the OOM killer takes the whole sandbox -> MLE. The engine
 *   usually reports it (OOMKilled), but under load it once did not: the sandbox just ended with
 *   SIGKILL. gVisor does not shield PID 1 from the program's signals as Linux does, so Bastion's
 *   seccomp profile refuses signals to PID 1 (seccomp-profile.ts): a SIGKILL end the engine did not
 *   send is read as memory too -> MLE; any other signal -> RE;
 * - stop the runner by other means: the judge continues it once the program is past its wall limit
 *   (the runner then ends the program and reports TLE itself), and if it stays stopped -> TLE.
 * Under runc, a lost container that the OOM killer did not end is the judge's trouble (SandboxError).
 */
export class SandboxTakenDown extends SandboxError {
  constructor(
    message: string,
    readonly result: RunnerResult,
  ) {
    super(message);
  }
}

/**
 * The kernel's out-of-memory killer ended the whole container while a command ran: the program's
 * doing (one system call can fill memory before the runner's next check), so MLE, not an IE.
 * Under runc the killer picks the program; under gVisor it ends the Sentry and the sandbox with it.
 */
export class SandboxOutOfMemory extends SandboxTakenDown {}

/** How the container ended (or stalled) under a command, as far as the engine can tell. */
type Ending =
  { kind: 'oom' } | { kind: 'signalled'; signal: number } | { kind: 'exited'; code: number } | { kind: 'stalled' };

const PROTOCOL_SLACK_MS = 10_000;
/** How long a runner continued with SIGCONT (gVisor) gets to answer before the program is blamed. */
const RESUME_MS = 5_000;
/** How long after a SIGKILL exit under gVisor the engine may still report the OOM behind it. */
const OOM_EVENT_MS = 3_000;

/** The deadline of a command passed without an answer. */
class Stalled extends SandboxError {}

/**
 * One container. Without sessions it serves exactly one submission and is then destroyed; with
 * sessions (SandboxSettings.sessions) each submission gets a session of fresh namespaces in it, and
 * recycle() ends one and starts the next. Commands go to the runner (the container's PID 1, or the
 * session's) over the attached stdin; replies come back on its stdout.
 */
export class Sandbox {
  private readonly replies = new ByteQueue();
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  /** The container's stream ended (it died, or the Docker engine went away). */
  private lost = false;
  /** Sessions this container has served (or is serving): 1 once started. */
  private sessionCount = 1;
  /** The memory limit set since the session began (setMemoryLimit), undefined: the ceiling. */
  private changed?: number;

  private constructor(
    private readonly docker: Docker,
    readonly container: Docker.Container,
    private readonly input: NodeJS.ReadWriteStream,
    readonly language: string,
    private readonly settings: SandboxSettings,
  ) {}

  private get runtime(): string {
    return this.settings.runtime;
  }

  /** Whether recycle() can make this sandbox ready for another submission. */
  get sessions(): boolean {
    return this.settings.sessions === true;
  }

  /** How many submissions this container has served, the current one included. */
  get uses(): number {
    return this.sessionCount;
  }

  /**
   * Ends the current session (everything it started dies with its namespaces, its files with its
   * tmpfs mounts), puts the memory limit back to the ceiling, and waits for the next session's
   * runner to answer. Any failure leaves the sandbox unusable (the caller destroys it).
   */
  async recycle(): Promise<void> {
    if (!this.sessions) throw new SandboxError('this sandbox has no sessions');
    await this.command(Buffer.from('END\n'), 5_000, async () => {
      const line = await this.replies.readLine();
      if (line !== 'BYE') throw new SandboxError(`runner answered ${line.slice(0, 80)} to END`);
    });
    if (this.changed !== undefined) await this.applyMemoryLimit(this.settings.memoryMb);
    await this.ping(5_000);
    this.sessionCount++;
  }

  static async start(docker: Docker, settings: SandboxSettings, language: string): Promise<Sandbox> {
    const container = await docker.createContainer(containerSpec(settings));
    try {
      const stream = (await container.attach({
        stream: true,
        stdin: true,
        stdout: true,
        stderr: true,
        hijack: true,
      })) as NodeJS.ReadWriteStream;
      const box = new Sandbox(docker, container, stream, language, settings);
      const sink = new Writable({
        write: (chunk: Buffer, _enc, done) => {
          box.replies.push(chunk);
          done();
        },
      });
      const stderrSink = new Writable({ write: (_c, _e, done) => done() });
      container.modem.demuxStream(stream, sink, stderrSink);
      const gone = () => {
        box.lost = true;
        box.replies.close(new SandboxError('sandbox container closed its stream'));
      };
      stream.on('end', gone);
      stream.on('close', gone);
      stream.on('error', gone);
      await container.start();
      await box.ping(15_000);
      return box;
    } catch (err) {
      await container.remove({ force: true }).catch(() => undefined);
      throw err instanceof SandboxError ? err : new SandboxError(`cannot start sandbox: ${(err as Error).message}`);
    }
  }

  /** Whether the sandbox can still take commands (a pooled one dies with a Docker engine restart). */
  get alive(): boolean {
    return !this.destroyed && !this.lost;
  }

  get id(): string {
    return this.container.id;
  }

  ping(timeoutMs = 5_000): Promise<void> {
    return this.command(Buffer.from('PING\n'), timeoutMs, async () => {
      const line = await this.replies.readLine();
      if (line !== 'PONG') throw new SandboxError(`runner answered ${line.slice(0, 80)} to PING`);
    });
  }

  writeFile(path: string, data: Buffer | string, mode = 0o644): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    return this.command(encodeFile(path, mode, buf), 30_000, async () => {
      const line = await this.replies.readLine();
      if (line !== 'OK') throw new SandboxError(`runner could not write ${path}: ${line.slice(0, 200)}`);
    });
  }

  /**
   * Runs a program under the runner. A program that takes the sandbox down throws
   * SandboxTakenDown with its verdict; any other failure is a SandboxError (the judge's).
   */
  run(argv: string[], stdin: Buffer, limits: RunLimits): Promise<RunnerResult> {
    const started = Date.now();
    return this.command(
      encodeRun(argv, stdin, limits),
      limits.wallMs + PROTOCOL_SLACK_MS,
      async () => {
        const header = parseResultHeader(await this.replies.readLine());
        const stdout = await this.replies.readExact(header.stdoutLength);
        const stderr = await this.replies.readExact(header.stderrLength);
        const { stdoutLength: _o, stderrLength: _e, ...rest } = header;
        return { ...rest, stdout, stderr };
      },
      (ending) => takenDown(ending, limits, Date.now() - started),
    );
  }

  /**
   * Lowers (or raises) the container's memory cgroup limit, swap included, for the rest of the
   * submission. gVisor cannot update a running container; there the compile-time ceiling stays and
   * the runner's peak-RSS check gives MLE. With sessions the limit is only ever raised above the
   * ceiling, never lowered: an update is an engine call and a runc process, twice a submission
   * (lower, then back up for the next one's compile); below the ceiling the runner's peak-RSS check
   * gives MLE, as under gVisor, and the ceiling stays the backstop.
   */
  async setMemoryLimit(mb: number): Promise<void> {
    if (this.runtime === 'runsc') return;
    if (this.sessions && mb <= (this.changed ?? this.settings.memoryMb)) return;
    await this.applyMemoryLimit(mb);
  }

  private async applyMemoryLimit(mb: number): Promise<void> {
    const bytes = mb * 1024 * 1024;
    await this.container.update({ Memory: bytes, MemorySwap: bytes });
    this.changed = mb === this.settings.memoryMb ? undefined : mb;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.replies.close(new SandboxError('sandbox destroyed'));
    this.input.end();
    await this.container.remove({ force: true }).catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
    });
  }

  /**
   * Why a command got no answer, when the program it ran is to blame (undefined: the judge's
   * trouble, e.g. the Docker engine went away, or we destroyed the sandbox ourselves).
   */
  private async ending(err: unknown, sentAt: number): Promise<Ending | undefined> {
    if (this.destroyed) return undefined;
    try {
      if (!this.lost) {
        // Only a stopped runner misses its deadline with the container up, and only gVisor lets a
        // program stop it (under runc a silent runner is the judge's fault).
        if (!(err instanceof Stalled) || this.runtime !== 'runsc') return undefined;
        return (await this.container.inspect()).State.Running ? { kind: 'stalled' } : undefined;
      }
      // The engine may hear of the exit a moment after the stream closes.
      await Promise.race([this.container.wait(), new Promise((r) => setTimeout(r, 3000).unref())]);
      const state = await this.exitState();
      if (state.OOMKilled === true) return { kind: 'oom' };
      if (this.runtime !== 'runsc' || state.Running || this.destroyed) return undefined;
      // Stopped or killed through the engine (`docker stop` or `kill`, the engine shutting down, an
      // operator): not the program's doing, whatever the exit code says.
      if (await this.killedThroughEngine(sentAt)) return undefined;
      return state.ExitCode > 128
        ? { kind: 'signalled', signal: state.ExitCode - 128 }
        : { kind: 'exited', code: state.ExitCode };
    } catch {
      return undefined; // gone already, or the engine is away: an ordinary lost sandbox
    }
  }

  /**
   * The ended container's state. Under gVisor the out-of-memory killer ends the Sentry with SIGKILL
   * (exit 137), and the engine may hear of the OOM after the exit (the runsc shim watches the cgroup
   * apart): a SIGKILL exit without OOMKilled is looked at again for OOM_EVENT_MS before it is read as
   * a signal the program sent the runner (a loaded machine gave RE for a memory bomb otherwise).
   */
  private async exitState(): Promise<Docker.ContainerInspectInfo['State']> {
    const deadline = Date.now() + OOM_EVENT_MS;
    for (;;) {
      const state = (await this.container.inspect()).State;
      if (state.OOMKilled || this.runtime !== 'runsc' || state.ExitCode !== 137 || Date.now() >= deadline) return state;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Whether the engine signalled the container since `sinceMs` (its `kill` events; true when unsure). */
  private async killedThroughEngine(sinceMs: number): Promise<boolean> {
    const read = async () => {
      const events = await this.docker.getEvents({
        since: Math.floor(sinceMs / 1000) - 1,
        until: Math.ceil(Date.now() / 1000),
        filters: { container: [this.container.id], event: ['kill'] },
      });
      let text = '';
      for await (const chunk of events as AsyncIterable<Buffer | string>) text += chunk.toString();
      return text.trim().length > 0;
    };
    try {
      return await Promise.race([read(), new Promise<boolean>((r) => setTimeout(() => r(true), 5000).unref())]);
    } catch {
      return true;
    }
  }

  /**
   * Under gVisor a program can stop the runner (SIGSTOP to PID 1). At the deadline the runner is
   * continued: it finds the program past its wall limit, ends it and answers as usual.
   */
  private async resume<T>(reading: Promise<T>): Promise<T> {
    await this.container.kill({ signal: 'SIGCONT' });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        reading,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Stalled(`runner did not answer ${RESUME_MS} ms after SIGCONT`)),
            RESUME_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends one command and reads its reply, one command at a time, with a deadline. `blame` turns
   * an ending of the sandbox caused by the command's program into the error to throw.
   */
  private command<T>(
    bytes: Buffer,
    timeoutMs: number,
    read: () => Promise<T>,
    blame?: (ending: Ending) => SandboxTakenDown,
  ): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.destroyed) throw new SandboxError('sandbox already destroyed');
      this.input.write(bytes);
      const sentAt = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Stalled(`runner did not answer in ${timeoutMs} ms`)), timeoutMs);
      });
      const reading = read();
      reading.catch(() => undefined); // raced below; left pending when the deadline wins
      try {
        return await Promise.race([reading, deadline]);
      } catch (first) {
        let err = first;
        if (blame && err instanceof Stalled && this.runtime === 'runsc' && !this.lost) {
          try {
            return await this.resume(reading);
          } catch (again) {
            err = again;
          }
        }
        const ending = blame ? await this.ending(err, sentAt) : undefined;
        // A reply we failed to read leaves the stream out of step: this sandbox cannot be used again.
        void this.destroy().catch(() => undefined);
        if (ending) throw blame!(ending);
        throw err instanceof SandboxError ? err : new SandboxError((err as Error).message);
      } finally {
        clearTimeout(timer);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** What a program that took its sandbox down did, as a runner result (see SandboxTakenDown). */
function takenDown(ending: Ending, limits: RunLimits, wallMs: number): SandboxTakenDown {
  const result = (status: RunnerResult['status'], signal: number | null, message: string): RunnerResult => ({
    status,
    exitCode: null,
    signal,
    // a time-limited end is reported at the limit; a killed one took no time we can measure
    cpuMs: status === 'TLE' ? limits.cpuMs : 0,
    wallMs,
    memoryKb: status === 'MLE' ? limits.memoryKb : 0,
    stdout: Buffer.alloc(0),
    stderr: Buffer.from(`${message}\n`),
  });
  switch (ending.kind) {
    case 'oom': {
      const message =
        'the program filled memory faster than the runner looks: the out-of-memory killer ended the sandbox';
      return new SandboxOutOfMemory(message, result('MLE', 9, message));
    }
    case 'signalled': {
      if (ending.signal === 9) {
        const message =
          'the sandbox was killed while the program ran, with no out-of-memory report from the engine; the program cannot signal the runner, so most likely it filled memory';
        return new SandboxOutOfMemory(message, result('MLE', 9, message));
      }
      const message = `the sandbox ended with signal ${ending.signal} while the program ran`;
      return new SandboxTakenDown(message, result('RE', ending.signal, message));
    }
    case 'exited': {
      const message = `the program exhausted the sandbox's processes: gVisor ended the sandbox (exit code ${ending.code})`;
      return new SandboxTakenDown(message, result('TLE', 9, message));
    }
    case 'stalled': {
      const message = "the program stopped the judge's runner and ran past its wall-clock limit";
      return new SandboxTakenDown(message, result('TLE', 9, message));
    }
  }
}
