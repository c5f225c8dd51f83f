// The thread that builds a problem's export (export-thread.ts starts it). It reads the tests from
// PostgreSQL itself and zips them here: up to 256 MiB of test data (hex on the wire, decoded by the
// driver) and seconds of deflate would otherwise run on the API's event loop (the largest package
// blocked it for over 11 s). The zip then leaves in chunks, as the response takes them.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { chunksOf, PackageTest, serveChunks, writeKattisPackage } from '@bastion/problem-package';
import type { ExportReply, ExportRequest } from './export-thread';

interface TestRow {
  name: string;
  kind: PackageTest['kind'];
  points: number;
  input: Buffer;
  answer: Buffer;
  check_answer: boolean;
  forbidden: string[];
}

async function main(): Promise<{ reply: ExportReply; zip?: Uint8Array }> {
  const { databaseUrl, problemId, problem } = workerData as ExportRequest;
  try {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    let rows: TestRow[];
    try {
      ({ rows } = await db.query<TestRow>(
        `SELECT name, kind, points, input, answer, check_answer, forbidden
           FROM test_cases WHERE problem_id = $1 ORDER BY ordinal`,
        [problemId],
      ));
    } finally {
      await db.end();
    }
    const tests = rows.map(({ check_answer, ...t }) => ({ ...t, checkAnswer: check_answer }));
    const zip = writeKattisPackage({ ...problem, tests });
    return { reply: { ok: true, bytes: zip.byteLength }, zip };
  } catch (e) {
    return { reply: { ok: false, message: (e as Error)?.stack ?? String(e) } };
  }
}

// As the package-reading thread does: Linux lowers this thread alone, so the event loop gets the CPU first.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Only a courtesy to the event loop.
  }
}

void main().then(({ reply, zip }) => {
  parentPort?.postMessage(reply);
  if (zip && parentPort) serveChunks(parentPort, chunksOf(zip));
});
