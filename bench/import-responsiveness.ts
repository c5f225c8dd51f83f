/**
 * How responsive the API stays while it imports the largest package it accepts (a benchmark, not a
 * test): GET /health every 20 ms, and GET of a path the API answers 404 without a database (the event
 * loop's own latency), first with the API idle, then during the import of a zip just under
 * BASTION_MAX_PACKAGE_BYTES (64 MiB) that unpacks to just under 256 MiB in ~4,200 files, with YAML at
 * its caps (test/support/large-package.ts), then during the export of the problem it made. Prints max,
 * p99 and median latency of each, failed polls, and the import's and export's own durations; the goal
 * is /health under 100 ms throughout.
 *
 * Usage (starts its own API and worker from dist/ on the test database, as the e2e tests do):
 *   npm run build && flock /tmp/bastion-e2e.lock npx tsx bench/import-responsiveness.ts
 * Environment: BENCH_RUNS (imports, 1), BENCH_POLL_MS (20), BENCH_IDLE_MS (3000).
 */
import globalSetup from '../test/setup/global-setup';
import { ADMIN, ApiClient } from '../test/support/api-client';
import { largestPackage, poll, Polled, summary } from '../test/support/large-package';
import { startSystem } from '../test/support/system';

const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 20);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);

/** The summary, failed polls, and (with `since`) when the three slowest answers were asked, in ms from `since`. */
function line(what: string, p: Polled, since?: number): string {
  const failed = p.failures.length ? `, ${p.failures.length} failed: ${p.failures.slice(0, 3).join('; ')}` : '';
  const worst = p.latencies
    .map((ms, i) => [ms, p.sentAt[i] - (since ?? 0)])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([ms, at]) => `${Math.round(ms)} ms at +${Math.round(at)}`);
  return `${what.padEnd(38)} ${JSON.stringify(summary(p.latencies))}${failed}${since ? `; slowest: ${worst.join(', ')}` : ''}`;
}

async function main(): Promise<void> {
  // Built first: seconds of zipping in between would leave the client's kept-alive sockets stale.
  let t = performance.now();
  const pkg = largestPackage();
  console.log(
    `package: ${pkg.zip.length} bytes zipped, ${pkg.unpackedBytes} unpacked, ${pkg.files} files, ` +
      `${pkg.tests} tests, ${pkg.yamlBytes} bytes of YAML (built in ${Math.round(performance.now() - t)} ms)`,
  );
  await globalSetup();
  const system = await startSystem();
  const probes = () => [
    poll(`${system.baseUrl}/health`, 200, POLL_MS),
    poll(`${system.baseUrl}/api/v1/no-such-path`, 404, POLL_MS),
  ];
  try {
    const admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const idle = probes();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const [idleHealth, idleLoop] = await Promise.all(idle.map((p) => p.stop()));
    console.log(line('/health, API idle:', idleHealth));
    console.log(line('event loop (404), API idle:', idleLoop));
    for (let run = 1; run <= RUNS; run++) {
      const slug = `bench-largest-${Date.now().toString(36)}`;
      const form = new FormData();
      form.append('file', new Blob([pkg.zip]), 'largest.zip');
      form.append('slug', slug);
      const busy = probes();
      t = performance.now();
      const since = performance.timeOrigin + t;
      const r = await admin
        .request('POST', '/problems/import', form)
        .catch((e: Error) => ({ status: 0, body: e.message }));
      const importMs = Math.round(performance.now() - t);
      const [health, loop] = await Promise.all(busy.map((p) => p.stop()));
      console.log(`import ${run}: ${r.status} in ${importMs} ms`);
      console.log(line('/health, during the import:', health, since));
      console.log(line('event loop (404), during the import:', loop, since));
      if (r.status !== 201) throw new Error(`import answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);

      const exporting = probes();
      t = performance.now();
      const exportSince = performance.timeOrigin + t;
      const e = await fetch(`${system.baseUrl}/api/v1/problems/${slug}/export`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      const exported = (await e.arrayBuffer()).byteLength;
      const exportMs = Math.round(performance.now() - t);
      const [exportHealth, exportLoop] = await Promise.all(exporting.map((p) => p.stop()));
      console.log(`export ${run}: ${e.status}, ${exported} bytes in ${exportMs} ms`);
      console.log(line('/health, during the export:', exportHealth, exportSince));
      console.log(line('event loop (404), during the export:', exportLoop, exportSince));
      if (e.status !== 200) throw new Error(`export answered ${e.status}`);
    }
  } finally {
    await system.stop();
  }
}

main().catch((e: Error) => {
  console.error(e);
  process.exitCode = 1;
});
