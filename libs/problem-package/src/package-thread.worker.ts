// The thread that reads a package (package-thread.ts starts it): reading the upload, unzipping, YAML,
// checks and hashes run here, off the API's event loop. The tests' bytes stay here until the importer
// asks for them: then they go out a chunk at a time (CHUNK_BYTES, copied here and transferred), so
// the API's thread never holds the package's hundreds of MiB at once.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { PackageTest, readKattisPackage } from './kattis-package';
import { PackageError } from './package-error';
import type { ThreadReply, ThreadRequest } from './package-thread';
import { CHUNK_BYTES, serveChunks } from './threads';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The tests' bytes, each test's input then its answer, in chunks of CHUNK_BYTES (the last
 * one shorter). A test is let go once it is copied, so this thread's memory shrinks as the import
 * proceeds.
 */
function* testDataChunks(tests: (PackageTest | undefined)[]): Generator<ArrayBuffer> {
  let left = tests.reduce((n, t) => n + (t?.input.byteLength ?? 0) + (t?.answer.byteLength ?? 0), 0);
  let chunk = new Uint8Array(0);
  let at = 0;
  for (let i = 0; i < tests.length; i++) {
    for (const bytes of [tests[i]?.input, tests[i]?.answer]) {
      for (let from = 0; bytes && from < bytes.byteLength;) {
        if (at === chunk.byteLength) {
          chunk = new Uint8Array(new ArrayBuffer(Math.min(CHUNK_BYTES, left)));
          at = 0;
        }
        const n = Math.min(bytes.byteLength - from, chunk.byteLength - at);
        chunk.set(bytes.subarray(from, from + n), at);
        from += n;
        at += n;
        left -= n;
        if (at === chunk.byteLength) {
          yield chunk.buffer; // transferred: detached from here on
          chunk = new Uint8Array(0);
          at = 0;
        }
      }
    }
    tests[i] = undefined;
  }
}

async function main(): Promise<{ reply: ThreadReply; tests?: PackageTest[] }> {
  const { zip, path, limits } = workerData as ThreadRequest;
  try {
    const bytes = path
      ? await readFile(path)
      : Buffer.from((zip as Uint8Array).buffer, zip?.byteOffset, zip?.byteLength);
    const pkg = await readKattisPackage(bytes, limits);
    const tests = pkg.tests.map(({ input, answer, ...rest }) => ({
      ...rest,
      inputBytes: input.byteLength,
      answerBytes: answer.byteLength,
      inputHash: sha256(input),
      answerHash: sha256(answer),
    }));
    return { reply: { ok: true, pkg: { ...pkg, tests } }, tests: pkg.tests };
  } catch (e) {
    if (e instanceof PackageError) return { reply: { ok: false, code: e.code, status: e.status, message: e.message } };
    return { reply: { ok: false, message: (e as Error)?.stack ?? String(e) } };
  }
}

// Linux keeps a nice value per thread, so this lowers this thread alone: on a busy machine the API's
// event loop (and PostgreSQL) get the CPU first. Elsewhere it would lower the whole process.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Only a courtesy to the event loop; the package is read all the same.
  }
}

void main().then(({ reply, tests }) => {
  parentPort?.postMessage(reply);
  // The importer asks for each chunk as PostgreSQL takes the data (one ahead), never further.
  if (tests && parentPort) serveChunks(parentPort, testDataChunks(tests));
});
