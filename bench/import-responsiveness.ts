/**
 * How responsive the API stays while it imports the largest package it accepts (a benchmark, not a
 * test): GET /health every 20 ms, first with the API idle, then during the import of a zip just under
 * BASTION_MAX_PACKAGE_BYTES (64 MiB) that unpacks to just under 256 MiB in ~4,200 files, with YAML at
 * its caps (test/support/large-package.ts). Prints max, p99 and median /health latency of both
 * phases and the import's own duration; the goal is a max under 100 ms during the import.
 *
 * Usage (starts its own API and worker from dist/ on the test database, as the e2e tests do):
 *   npm run build && flock /tmp/bastion-e2e.lock npx tsx bench/import-responsiveness.ts
 * Environment: BENCH_RUNS (imports, 1), BENCH_POLL_MS (20), BENCH_IDLE_MS (3000).
 */
import globalSetup from '../test/setup/global-setup';
import { ADMIN, ApiClient } from '../test/support/api-client';
import { largestPackage, pollHealth, summary } from '../test/support/large-package';
import { startSystem } from '../test/support/system';

const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 20);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);

async function main(): Promise<void> {
  // Built first: seconds of zipping in between would leave the client's kept-alive sockets stale.
  let t = performance.now();
  const pkg = largestPackage();
  await globalSetup();
  const system = await startSystem();
  try {
    const admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    console.log(
      `package: ${pkg.zip.length} bytes zipped, ${pkg.unpackedBytes} unpacked, ${pkg.files} files, ` +
        `${pkg.tests} tests, ${pkg.yamlBytes} bytes of YAML (built in ${Math.round(performance.now() - t)} ms)`,
    );
    const idle = pollHealth(system.baseUrl, POLL_MS);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    console.log(`/health, API idle:      ${JSON.stringify(summary(await idle.stop()))}`);
    for (let run = 1; run <= RUNS; run++) {
      const form = new FormData();
      form.append('file', new Blob([pkg.zip]), 'largest.zip');
      form.append('slug', `bench-largest-${Date.now().toString(36)}`);
      const busy = pollHealth(system.baseUrl, POLL_MS);
      t = performance.now();
      const r = await admin.request('POST', '/problems/import', form);
      const importMs = Math.round(performance.now() - t);
      const latencies = await busy.stop();
      if (r.status !== 201) throw new Error(`import answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      console.log(`/health, during import: ${JSON.stringify(summary(latencies))}; the import took ${importMs} ms`);
    }
  } finally {
    await system.stop();
  }
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
