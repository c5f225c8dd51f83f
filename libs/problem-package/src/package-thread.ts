import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PackageTest, ProblemPackage } from './kattis-package';
import { PackageError } from './package-error';
import { ChunkReader, ThreadInbox, threadScript, ThreadSlots } from './threads';
import { DEFAULT_ZIP_LIMITS, ZipLimits } from './zip-reader';

export interface HashedTest extends PackageTest {
  /** sha256 of input and answer, hex. */
  inputHash: string;
  answerHash: string;
}

export interface HashedPackage extends Omit<ProblemPackage, 'tests'> {
  tests: HashedTest[];
}

/** A test as the thread describes it first: its sizes and hashes, not yet its bytes. */
export interface TestInfo extends Omit<HashedTest, 'input' | 'answer'> {
  inputBytes: number;
  answerBytes: number;
}

export interface PackageInfo extends Omit<ProblemPackage, 'tests'> {
  tests: TestInfo[];
}

/** A package read by its thread, which keeps the tests' bytes until they are asked for. */
export interface OpenedPackage {
  pkg: PackageInfo;
  /**
   * The next `n` bytes of the tests' data: each test's input then its answer, test by test, as views
   * of the chunks (CHUNK_BYTES) the thread hands over as they are consumed.
   */
  read(n: number): AsyncGenerator<Buffer>;
  /** Ends the thread (the bytes not read are dropped) and lets the next package in. Always call it. */
  close(): Promise<void>;
}

/** At most this many packages are read (and stored) at once; further imports wait their turn. */
export const PACKAGE_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** A thread that reads for longer than this is stopped (the caps make a legitimate package far quicker). */
export const PACKAGE_THREAD_TIMEOUT_MS = 120_000;
/** The thread's JavaScript heap; the files themselves are buffers outside it. */
const HEAP_MB = 512;

/** The zip itself, or the path of a file holding it (which the thread reads). */
export interface ThreadRequest {
  zip?: Uint8Array;
  path?: string;
  limits: ZipLimits;
}

/** The thread's first message: the package without the tests' bytes, or why it was refused. */
export type ThreadReply =
  { ok: true; pkg: PackageInfo } | { ok: false; code?: string; status?: number; message: string };

const slots = new ThreadSlots(PACKAGE_THREADS);

function tooComplex(why: string): PackageError {
  return new PackageError('PACKAGE_TOO_COMPLEX', `Reading the package ${why}`, 413);
}

async function open(zip: Buffer | string, limits: ZipLimits, timeoutMs: number): Promise<OpenedPackage> {
  const { file, execArgv } = threadScript(__dirname, 'package-thread.worker');
  const request: ThreadRequest = typeof zip === 'string' ? { path: zip, limits } : { zip, limits };
  const worker = new Worker(file, {
    workerData: request,
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  const inbox = new ThreadInbox<unknown>(worker, 'package', (e) =>
    e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`needed more than ${HEAP_MB} MiB of memory`) : e,
  );
  const close = async () => {
    inbox.fail(new Error('The package thread was closed'));
    await worker.terminate();
  };
  const timer = setTimeout(
    () => inbox.fail(tooComplex(`took longer than ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  let reply: ThreadReply;
  try {
    reply = (await inbox.next()) as ThreadReply;
  } catch (e) {
    await close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  if (!reply.ok) {
    await close();
    throw reply.code ? new PackageError(reply.code, reply.message, reply.status) : new Error(reply.message);
  }

  const chunks = new ChunkReader(worker, inbox);
  let chunk = Buffer.alloc(0);
  let at = 0;
  async function* read(n: number): AsyncGenerator<Buffer> {
    while (n > 0) {
      if (at === chunk.length) {
        const next = await chunks.next();
        if (!next) throw new Error('The package thread ran out of test data');
        chunk = next;
        at = 0;
      }
      const part = chunk.subarray(at, at + Math.min(n, chunk.length - at));
      at += part.length;
      n -= part.length;
      yield part;
    }
  }
  return { pkg: reply.pkg, read, close };
}

/**
 * Reads a package in a worker thread, with the tests' hashes: unzipping and parsing up to 256 MiB
 * takes seconds of CPU that must not stall the API's event loop. `zip` is the zip, or better the path
 * of a file holding it: then not even its bytes pass through this thread (a 64 MiB copy alone can take
 * a few hundred ms where memory is slow to map). The tests' bytes stay in the thread until read. A
 * refused package rejects with the same PackageError as readKattisPackage; a thread out of time or
 * memory with PACKAGE_TOO_COMPLEX (413). The thread holds one of PACKAGE_THREADS slots until close().
 */
export async function openKattisPackageInThread(
  zip: Buffer | string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  timeoutMs = PACKAGE_THREAD_TIMEOUT_MS,
): Promise<OpenedPackage> {
  await slots.acquire();
  let opened: OpenedPackage;
  try {
    opened = await open(zip, limits, timeoutMs);
  } catch (e) {
    slots.release();
    throw e;
  }
  let closed = false;
  return {
    ...opened,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await opened.close();
      } finally {
        slots.release();
      }
    },
  };
}

/** openKattisPackageInThread with every test's bytes read into memory (small packages, tests). */
export async function readKattisPackageInThread(
  zip: Buffer | string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  timeoutMs = PACKAGE_THREAD_TIMEOUT_MS,
): Promise<HashedPackage> {
  const opened = await openKattisPackageInThread(zip, limits, timeoutMs);
  const bytes = async (n: number) => {
    const parts: Buffer[] = [];
    for await (const part of opened.read(n)) parts.push(part);
    return Buffer.concat(parts, n);
  };
  try {
    const tests: HashedTest[] = [];
    for (const { inputBytes, answerBytes, ...rest } of opened.pkg.tests) {
      tests.push({ ...rest, input: await bytes(inputBytes), answer: await bytes(answerBytes) });
    }
    return { ...opened.pkg, tests };
  } finally {
    await opened.close();
  }
}
