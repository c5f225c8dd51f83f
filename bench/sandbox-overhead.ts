/**
 * Per-submission sandbox overhead (a benchmark, not a test): the same compiled C program judged on
 * 10 tests three ways, N submissions each, one at a time:
 *   bare  – run directly on the host, no sandbox (the floor);
 *   naive – a fresh `docker run` per test (how most container judges start);
 *   warm  – Bastion's way: a container from a warm pool, the runner driven over attach.
 * Prints p50/p95 per submission and the ratios measured in this run.
 * Usage: npx tsx bench/sandbox-overhead.ts [submissions=20]   (needs Docker and the judge images)
 */
import Docker from 'dockerode';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxPool } from '@bastion/sandbox';

const N = Number(process.argv[2] ?? 20);
const TESTS = Array.from({ length: 10 }, (_, i) => Buffer.from(`${i} ${i * 7}\n`));
const SOURCE =
  '#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a+b);return 0;}\n';
const LIMITS = { cpuMs: 1000, wallMs: 3000, outputBytes: 1 << 20, memoryKb: 0 };
const IMAGE = 'bastion-judge-c:latest';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function measure(name: string, once: () => Promise<void>, between?: () => Promise<void>): Promise<number[]> {
  await once(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    await between?.();
    process.stdout.write(
      `\r${name.padEnd(6)} ${'#'.repeat(Math.round(((i + 1) / N) * 30)).padEnd(30, '.')} ${i + 1}/${N}`,
    );
  }
  process.stdout.write('\n');
  return times;
}

async function main(): Promise<void> {
  const docker = new Docker();
  const dir = mkdtempSync(join(tmpdir(), 'bastion-bench-'));
  writeFileSync(join(dir, 'main.c'), SOURCE);
  execFileSync('gcc', ['-O2', '-o', join(dir, 'main'), join(dir, 'main.c')]);

  const bare = await measure('bare', async () => {
    for (const input of TESTS) spawnSync(join(dir, 'main'), { input });
  });

  const naive = await measure('naive', async () => {
    for (const input of TESTS) {
      spawnSync(
        'docker',
        ['run', '--rm', '-i', '--network', 'none', '-v', `${dir}:/prog:ro`, '--entrypoint', '/prog/main', IMAGE],
        {
          input,
        },
      );
    }
  });

  const pool = new SandboxPool({
    docker,
    size: 2,
    settings: () => ({
      workerId: 'bench',
      image: IMAGE,
      runtime: process.env.BASTION_SANDBOX_RUNTIME ?? 'runc',
      memoryMb: 512,
      cpus: 1,
      pidsLimit: 64,
      workdirMb: 64,
    }),
  });
  pool.warm(['c']);
  await new Promise((r) => setTimeout(r, 3000));
  const binary = execFileSync('cat', [join(dir, 'main')]);
  const warm = await measure(
    'warm',
    async () => {
      const box = await pool.acquire('c');
      await box.writeFile('main', binary, 0o755);
      for (const input of TESTS) await box.run(['./main'], input, LIMITS);
      void pool.release(box);
    },
    () => new Promise((r) => setTimeout(r, 500)),
  ); // untimed: the pool refills, as between real submissions
  await pool.close();
  await SandboxPool.removeLeftovers(docker, 'bench');

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(6)} p50 ${pct(xs, 0.5).toFixed(1).padStart(8)} ms   p95 ${pct(xs, 0.95).toFixed(1).padStart(8)} ms`;
  console.log(`\n${N} submissions × ${TESTS.length} tests (compiled C, excluding compilation)`);
  console.log(row('bare', bare));
  console.log(row('naive', naive));
  console.log(row('warm', warm));
  console.log(`warm overhead vs bare: +${(pct(warm, 0.5) - pct(bare, 0.5)).toFixed(1)} ms per submission`);
  console.log(`speed-up of warm over naive (p50): ${(pct(naive, 0.5) / pct(warm, 0.5)).toFixed(1)}×`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
