import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import { ByteQueue } from './byte-queue';
import { containerSpec, SandboxSettings } from './container-spec';
import { encodeFile, encodeRun, parseResultHeader, RunLimits, RunnerResult } from './protocol';

/** The judge's own failure around a sandbox (never the program's fault): reported as IE. */
export class SandboxError extends Error {}

/**
 * The kernel's out-of-memory killer ended the whole container while a command ran: the program's
 * doing (one system call can fill memory before the runner's next check), so a verdict, not an IE.
 * Under runc the killer picks the program; under gVisor it ends the Sentry and the sandbox with it.
 */
export class SandboxOutOfMemory extends SandboxError {}

const PROTOCOL_SLACK_MS = 10_000;

/**
 * One container, used by exactly one submission and then destroyed. Commands go to the runner
 * (the container's PID 1) over the attached stdin; replies come back on its stdout.
 */
export class Sandbox {
  private readonly replies = new ByteQueue();
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  /** The container's stream ended (it died, or the Docker engine went away). */
  private lost = false;

  private constructor(
    readonly container: Docker.Container,
    private readonly input: NodeJS.ReadWriteStream,
    readonly language: string,
    private readonly runtime: string,
  ) {}

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
      const box = new Sandbox(container, stream, language, settings.runtime);
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

  run(argv: string[], stdin: Buffer, limits: RunLimits): Promise<RunnerResult> {
    return this.command(encodeRun(argv, stdin, limits), limits.wallMs + PROTOCOL_SLACK_MS, async () => {
      const header = parseResultHeader(await this.replies.readLine());
      const stdout = await this.replies.readExact(header.stdoutLength);
      const stderr = await this.replies.readExact(header.stderrLength);
      const { stdoutLength: _o, stderrLength: _e, ...rest } = header;
      return { ...rest, stdout, stderr };
    });
  }

  /**
   * Lowers (or raises) the container's memory cgroup limit, swap included. gVisor cannot update a
   * running container; there the compile-time ceiling stays and the runner's peak-RSS check gives MLE.
   */
  async setMemoryLimit(mb: number): Promise<void> {
    if (this.runtime === 'runsc') return;
    const bytes = mb * 1024 * 1024;
    await this.container.update({ Memory: bytes, MemorySwap: bytes });
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

  /** Whether the container, which closed its stream, was ended by the out-of-memory killer. */
  private async oomKilled(): Promise<boolean> {
    try {
      // The engine may hear of the exit a moment after the stream closes.
      await Promise.race([this.container.wait(), new Promise((r) => setTimeout(r, 3000).unref())]);
      return (await this.container.inspect()).State.OOMKilled === true;
    } catch {
      return false; // gone already, or the engine is away: an ordinary lost sandbox
    }
  }

  /** Sends one command and reads its reply, one command at a time, with a deadline. */
  private command<T>(bytes: Buffer, timeoutMs: number, read: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.destroyed) throw new SandboxError('sandbox already destroyed');
      this.input.write(bytes);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SandboxError(`runner did not answer in ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        return await Promise.race([read(), deadline]);
      } catch (err) {
        const oom = this.lost && (await this.oomKilled());
        // A reply we failed to read leaves the stream out of step: this sandbox cannot be used again.
        void this.destroy().catch(() => undefined);
        if (oom) throw new SandboxOutOfMemory('the out-of-memory killer ended the sandbox');
        throw err instanceof SandboxError ? err : new SandboxError((err as Error).message);
      } finally {
        clearTimeout(timer);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
