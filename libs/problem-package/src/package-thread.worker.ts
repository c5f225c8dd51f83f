// The thread that reads a package (package-thread.ts starts it): reading the upload, unzipping, YAML,
// checks and hashes run here, off the API's event loop. The tests' bytes go back transferred, not
// copied: a file's own buffer as it is, the small ones packed into one.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readKattisPackage } from './kattis-package';
import { PackageError } from './package-error';
import type { BytesRef, ThreadReply, ThreadRequest } from './package-thread';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects the buffers to transfer; buffers[0] is the pack of the small ones (sharing a pool). */
function transferPlan() {
  const own: ArrayBuffer[] = [];
  const owned = new Set<ArrayBufferLike>();
  const small: Buffer[] = [];
  let packed = 0;
  const ref = (b: Buffer): BytesRef => {
    const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer;
    if (whole && b.byteLength >= 64 * 1024 && !owned.has(b.buffer)) {
      owned.add(b.buffer);
      own.push(b.buffer as ArrayBuffer);
      return [own.length, 0, b.byteLength];
    }
    small.push(b);
    packed += b.byteLength;
    return [0, packed - b.byteLength, b.byteLength];
  };
  const buffers = (): ArrayBuffer[] => {
    const pack = new Uint8Array(new ArrayBuffer(packed));
    let at = 0;
    for (const b of small) {
      pack.set(b, at);
      at += b.byteLength;
    }
    return [pack.buffer, ...own];
  };
  return { ref, buffers };
}

async function main(): Promise<ThreadReply> {
  const { zip, path, limits } = workerData as ThreadRequest;
  try {
    const bytes = path
      ? await readFile(path)
      : Buffer.from((zip as Uint8Array).buffer, zip?.byteOffset, zip?.byteLength);
    const pkg = await readKattisPackage(bytes, limits);
    const plan = transferPlan();
    const tests = pkg.tests.map(({ input, answer, ...rest }) => ({
      ...rest,
      input: plan.ref(input),
      answer: plan.ref(answer),
      inputHash: sha256(input),
      answerHash: sha256(answer),
    }));
    return { ok: true, pkg: { ...pkg, tests }, buffers: plan.buffers() };
  } catch (e) {
    if (e instanceof PackageError) return { ok: false, code: e.code, status: e.status, message: e.message };
    return { ok: false, message: (e as Error)?.stack ?? String(e) };
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

void main().then((reply) => parentPort?.postMessage(reply, reply.ok ? reply.buffers : []));
