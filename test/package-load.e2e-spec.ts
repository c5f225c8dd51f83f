import { ADMIN, ApiClient } from './support/api-client';
import { largestPackage, poll, summary } from './support/large-package';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(600_000);

/**
 * The largest package the API accepts (a zip just under BASTION_MAX_PACKAGE_BYTES unpacking to just
 * under 256 MiB, YAML at its caps) imports whole while GET /health is asked every 20 ms. The latency
 * is printed, not asserted (a shared CI machine makes any bound flaky); bench/import-responsiveness.ts
 * measures it against an idle baseline.
 */
describe('importing the largest allowed package', () => {
  let system: RunningSystem;
  // Built first: seconds of zipping here would leave the client's kept-alive sockets stale.
  const pkg = largestPackage();

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('imports every test while /health keeps answering', async () => {
    const admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect(pkg.zip.length).toBeGreaterThan(60 * 1024 * 1024);
    expect(pkg.unpackedBytes).toBeGreaterThan(255 * 1024 * 1024);
    const slug = `largest-${Date.now().toString(36)}`;
    const form = new FormData();
    form.append('file', new Blob([pkg.zip]), 'largest.zip');
    form.append('slug', slug);

    const health = poll(`${system.baseUrl}/health`);
    const started = performance.now();
    const r = await admin.request('POST', '/problems/import', form);
    const importMs = performance.now() - started;
    const { latencies, failures } = await health.stop();

    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ slug, tests: pkg.tests }));
    const tests = await admin.request('GET', `/problems/${slug}/tests`);
    expect(tests.body).toHaveLength(pkg.tests);
    expect(failures).toEqual([]);
    expect(latencies.length).toBeGreaterThan(0);
    console.log(
      `import of ${(pkg.zip.length / 2 ** 20).toFixed(1)} MiB (${(pkg.unpackedBytes / 2 ** 20).toFixed(1)} MiB ` +
        `unpacked, ${pkg.files} files) took ${Math.round(importMs)} ms; /health meanwhile: ` +
        JSON.stringify(summary(latencies)),
    );
  });
});
