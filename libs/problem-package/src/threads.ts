// What the package threads (reading an import, building an export) share: finding their script,
// taking turns, hearing from them, and handing bytes over a chunk at a time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';

/**
 * The size of the chunks in which bytes leave a thread. The API's thread then holds a few MiB of a
 * package at any time, not all of it: hundreds of MiB of buffers there cost garbage-collection pauses
 * of tens of ms (V8 collects the whole heap as external memory grows), and whatever copies them in
 * one go stalls it.
 */
export const CHUNK_BYTES = 1024 * 1024;

/** A thread's answer to each request for bytes: the next chunk (transferred), or null after the last. */
export interface ThreadChunk {
  chunk: ArrayBuffer | null;
}

/** The built thread script `name` in `dir`; from TypeScript sources (tests, tsx), tsx compiles it. */
export function threadScript(dir: string, name: string): { file: string; execArgv: string[] } {
  const js = join(dir, `${name}.js`);
  if (existsSync(js)) return { file: js, execArgv: [] };
  return { file: join(dir, `${name}.ts`), execArgv: ['--require', 'tsx/cjs'] };
}

/** At most `size` holders at once; the others wait their turn, in order. */
export class ThreadSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next in line, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** A thread's messages in order of arrival, and its end (an error, or the exit) as a rejection. */
export class ThreadInbox<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (m: T) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(worker: Worker, what: string, describe: (e: Error & { code?: string }) => Error = (e) => e) {
    worker.on('message', (m: T) => {
      const w = this.waiting;
      this.waiting = null;
      if (w) w.resolve(m);
      else this.queue.push(m);
    });
    worker.once('error', (e: Error) => this.fail(describe(e)));
    worker.once('exit', (code) => this.fail(new Error(`The ${what} thread exited with code ${code}`)));
  }

  /** Rejects the message awaited now and every later one. */
  fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }

  next(): Promise<T> {
    if (this.queue.length) return Promise.resolve(this.queue.shift() as T);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

/**
 * The chunks a thread serves (serveChunks), asked for one ahead: the thread copies the next chunk
 * while this one is being written on, and never runs further ahead than that.
 */
export class ChunkReader {
  private asked = false;

  constructor(
    private readonly worker: Worker,
    private readonly inbox: ThreadInbox<unknown>,
  ) {}

  /** The next chunk, or null after the last. */
  async next(): Promise<Buffer | null> {
    if (!this.asked) this.worker.postMessage('next');
    const { chunk } = (await this.inbox.next()) as ThreadChunk;
    this.asked = false;
    if (!chunk) return null;
    this.worker.postMessage('next');
    this.asked = true;
    return Buffer.from(chunk);
  }
}

/** In a thread: answers each request on `port` with the next of `chunks`, transferred, or null after the last. */
export function serveChunks(port: MessagePort, chunks: Iterator<ArrayBuffer>): void {
  port.on('message', () => {
    const next = chunks.next();
    const message: ThreadChunk = { chunk: next.done ? null : next.value };
    port.postMessage(message, message.chunk ? [message.chunk] : []);
  });
}

/** `bytes` as copies of CHUNK_BYTES each (the last one shorter), for serveChunks. */
export function* chunksOf(bytes: Uint8Array): Generator<ArrayBuffer> {
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
    yield new Uint8Array(bytes.subarray(at, at + CHUNK_BYTES)).buffer;
  }
}
