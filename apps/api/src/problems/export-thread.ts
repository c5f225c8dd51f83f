import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ChunkReader, ExportableProblem, ThreadInbox, threadScript, ThreadSlots } from '@bastion/problem-package';

/** What the export thread needs: where the tests are, and the rest of the problem. */
export interface ExportRequest {
  databaseUrl: string;
  problemId: string;
  problem: Omit<ExportableProblem, 'tests'>;
}

/** The thread's first message: the zip's size, or why it could not be built. */
export type ExportReply = { ok: true; bytes: number } | { ok: false; message: string };

/** A problem's package zip, built in its thread, which hands it over as it is read. */
export interface ExportedPackage {
  bytes: number;
  /** The zip in chunks (CHUNK_BYTES), each asked for as the one before is taken. */
  read(): AsyncGenerator<Buffer>;
  /** Ends the thread (also when the zip was not read to its end) and lets the next export in. Always call it. */
  close(): Promise<void>;
}

/** Exports hold a whole problem in memory (its tests and its zip): this many at once, the others wait. */
const slots = new ThreadSlots(Math.max(1, Math.min(2, availableParallelism() - 1)));

/** The problem as a Kattis package zip (writeKattisPackage), built in a worker thread that reads the tests itself. */
export async function exportProblemInThread(request: ExportRequest): Promise<ExportedPackage> {
  await slots.acquire();
  let worker: Worker;
  try {
    const { file, execArgv } = threadScript(__dirname, 'export-thread.worker');
    worker = new Worker(file, { workerData: request, execArgv });
  } catch (e) {
    slots.release();
    throw e;
  }
  const inbox = new ThreadInbox<unknown>(worker, 'export');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    inbox.fail(new Error('The export thread was closed'));
    try {
      await worker.terminate();
    } finally {
      slots.release();
    }
  };
  try {
    const reply = (await inbox.next()) as ExportReply;
    if (!reply.ok) throw new Error(reply.message);
    const chunks = new ChunkReader(worker, inbox);
    return {
      bytes: reply.bytes,
      read: async function* () {
        for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) yield chunk;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
