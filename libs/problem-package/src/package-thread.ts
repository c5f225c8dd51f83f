import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PackageTest, ProblemPackage } from './kattis-package';
import { PackageError } from './package-error';
import { DEFAULT_ZIP_LIMITS, ZipLimits } from './zip-reader';

export interface HashedTest extends PackageTest {
  /** sha256 of input and answer, hex. */
  inputHash: string;
  answerHash: string;
}

export interface HashedPackage extends Omit<ProblemPackage, 'tests'> {
  tests: HashedTest[];
}

/** At most this many packages are read at once; further imports wait their turn. */
export const PACKAGE_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** A thread that runs longer than this is stopped (the caps make a legitimate package far quicker). */
export const PACKAGE_THREAD_TIMEOUT_MS = 120_000;
/** The thread's JavaScript heap; the files themselves are buffers outside it. */
const HEAP_MB = 512;

/** The zip itself, or the path of a file holding it (which the thread reads). */
export interface ThreadRequest {
  zip?: Uint8Array;
  path?: string;
  limits: ZipLimits;
}

/** Where a test's bytes are in the reply: [index into buffers, offset, length]. */
export type BytesRef = [number, number, number];

type WireTest = Omit<HashedTest, 'input' | 'answer'> & { input: BytesRef; answer: BytesRef };

export type ThreadReply =
  | { ok: true; pkg: Omit<ProblemPackage, 'tests'> & { tests: WireTest[] }; buffers: ArrayBuffer[] }
  | { ok: false; code?: string; status?: number; message: string };

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < PACKAGE_THREADS) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Hands the slot to the next import in line, or frees it. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** The built thread script beside this file; from TypeScript sources (tests, tsx), tsx compiles it. */
function threadScript(): { file: string; execArgv: string[] } {
  const js = join(__dirname, 'package-thread.worker.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  return { file: join(__dirname, 'package-thread.worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

function tooComplex(why: string): PackageError {
  return new PackageError('PACKAGE_TOO_COMPLEX', `Reading the package ${why}`, 413);
}

function run(zip: Buffer | string, limits: ZipLimits, timeoutMs: number): Promise<HashedPackage> {
  const { file, execArgv } = threadScript();
  const request: ThreadRequest = typeof zip === 'string' ? { path: zip, limits } : { zip, limits };
  const worker = new Worker(file, {
    workerData: request,
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  return new Promise<HashedPackage>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(tooComplex(`took longer than ${Math.round(timeoutMs / 1000)} s`))),
      timeoutMs,
    );
    worker.once('message', (reply: ThreadReply) =>
      settle(() => {
        if (!reply.ok) {
          reject(reply.code ? new PackageError(reply.code, reply.message, reply.status) : new Error(reply.message));
          return;
        }
        const view = ([i, at, length]: BytesRef) => Buffer.from(reply.buffers[i], at, length);
        const tests = reply.pkg.tests.map((t) => ({ ...t, input: view(t.input), answer: view(t.answer) }));
        resolve({ ...reply.pkg, tests });
      }),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`needed more than ${HEAP_MB} MiB of memory`) : e),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`The package thread exited with code ${code}`))));
  });
}

/**
 * readKattisPackage in a worker thread, with the tests' hashes: unzipping and parsing up to 256 MiB
 * takes seconds of CPU that must not stall the API's event loop. `zip` is the zip, or better the path
 * of a file holding it: then not even its bytes pass through this thread (a 64 MiB copy alone can take
 * a few hundred ms where memory is slow to map). A refused package rejects with the same PackageError
 * as readKattisPackage; a thread out of time or memory with PACKAGE_TOO_COMPLEX (413).
 */
export async function readKattisPackageInThread(
  zip: Buffer | string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  timeoutMs = PACKAGE_THREAD_TIMEOUT_MS,
): Promise<HashedPackage> {
  await acquire();
  try {
    return await run(zip, limits, timeoutMs);
  } finally {
    release();
  }
}
