import { zipSync, Zippable } from 'fflate';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { DEFAULT_ZIP_LIMITS, MAX_YAML_BYTES, MAX_YAML_TOTAL_BYTES } from '@bastion/problem-package';

export interface LargePackage {
  zip: Buffer;
  unpackedBytes: number;
  files: number;
  tests: number;
  yamlBytes: number;
}

const GROUPS = 14;
const SMALL_TESTS = 2000;
const BIG_TESTS = 100;

/** A YAML mapping of padding keys (which the importer ignores) that fills `bytes`. */
function paddedYaml(head: string, bytes: number): string {
  const lines = [head.trimEnd(), 'x_padding:'];
  let size = head.length + 12;
  for (let i = 0; size + 24 < bytes; i++) {
    const line = `  key${i}: value number ${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The largest package the importer takes, or close to it: a zip just under `maxZipBytes` that unpacks
 * to just under 256 MiB in about 4,300 files (2,100 tests, 100 of them 2.5 MiB, partly random so the zip
 * stays large), with YAML at its caps: a 63 KiB problem.yaml and a 63 KiB testdata.yaml per test group.
 */
export function largestPackage(maxZipBytes = 64 * 1024 * 1024): LargePackage {
  const enc = (s: string) => new TextEncoder().encode(s);
  const yamlSize = MAX_YAML_BYTES - 1024;
  const files: Zippable = {
    'problem.yaml': enc(paddedYaml('name: Largest\ntype: scoring\nlimits:\n  time_limit: 1\n', yamlSize)),
    'problem_statement/problem.en.md': enc('# Largest\n\nEcho the input.\n'),
  };
  for (let g = 1; g <= GROUPS; g++) {
    files[`data/secret/g${g}/testdata.yaml`] = enc(paddedYaml('accept_score: 1\n', yamlSize));
  }
  for (let i = 0; i < SMALL_TESTS; i++) {
    const dir = i < 10 ? 'data/sample' : `data/secret/g${1 + (i % GROUPS)}`;
    files[`${dir}/small-${i}.in`] = enc(`${i} ${i + 1}\n`);
    files[`${dir}/small-${i}.ans`] = enc(`${2 * i + 1}\n`);
  }
  const small = Object.values(files).reduce((n, f) => n + (f as Uint8Array).length, 0);
  // The rest of the unpacked budget, in 2 × BIG_TESTS files; the random share sets the zip's size.
  const perFile = Math.floor((DEFAULT_ZIP_LIMITS.maxTotalBytes - small - 64 * 1024) / (2 * BIG_TESTS));
  const randomShare = Math.floor((maxZipBytes - 2 * 1024 * 1024) / (2 * BIG_TESTS));
  for (let i = 0; i < BIG_TESTS; i++) {
    for (const ext of ['in', 'ans']) {
      const data = new Uint8Array(perFile).fill(0x61);
      data.set(randomBytes(randomShare));
      files[`data/secret/g${1 + (i % GROUPS)}/big-${i}.${ext}`] = [data, { level: 1 }];
    }
  }
  const zip = Buffer.from(zipSync(files, { level: 6 }));
  const unpackedBytes = Object.values(files).reduce(
    (n, f) => n + (Array.isArray(f) ? (f[0] as Uint8Array) : (f as Uint8Array)).length,
    0,
  );
  const yamlBytes = yamlSize * (GROUPS + 1);
  if (yamlBytes > MAX_YAML_TOTAL_BYTES) throw new Error('the YAML of the largest package is over its own cap');
  return { zip, unpackedBytes, files: Object.keys(files).length, tests: SMALL_TESTS + BIG_TESTS, yamlBytes };
}

export interface Polled {
  /** Milliseconds each answer took. */
  latencies: number[];
  /** When each of those requests went out (ms since the epoch, fractional). */
  sentAt: number[];
  /** Answers that were not the expected status, and requests that got no answer at all. */
  failures: string[];
}

/** The polling loop, in a thread of its own so that this process's own pauses (building a 64 MiB upload) do not count. */
const POLLER = `
const { parentPort, workerData: { url, expectStatus, everyMs } } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
const result = { latencies: [], sentAt: [], failures: [] };
let polling = true;
parentPort.once('message', () => { polling = false; });
(async () => {
  // Not timed: a thread's first fetch() loads and compiles undici and opens the connection, ~100 ms
  // that are the poller's own start, not the API's latency.
  await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
  while (polling) {
    const t = now();
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.status === expectStatus) {
        result.latencies.push(now() - t);
        result.sentAt.push(t);
      } else result.failures.push(r.status + ' after ' + Math.round(now() - t) + ' ms');
    } catch (e) {
      result.failures.push('no answer after ' + Math.round(now() - t) + ' ms: ' + (e.cause ?? e));
    }
    await new Promise((res) => setTimeout(res, Math.max(0, everyMs - (now() - t))));
  }
  parentPort.postMessage(result);
})();
`;

/**
 * GETs `url` once every `everyMs` (after the previous answer) until stop(): /health, or a path the API
 * answers 404 without a database (so its latency is the event loop's alone).
 */
export function poll(url: string, expectStatus = 200, everyMs = 20): { stop(): Promise<Polled> } {
  const thread = new Worker(POLLER, { eval: true, workerData: { url, expectStatus, everyMs } });
  const done = new Promise<Polled>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
  return {
    stop: async () => {
      thread.postMessage('stop');
      const result = await done;
      await thread.terminate();
      return result;
    },
  };
}

/** max, p99 and median of a list of latencies, in ms. */
export function summary(latencies: number[]): { n: number; max: number; p99: number; median: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, max: round(sorted.at(-1) ?? NaN), p99: round(at(0.99)), median: round(at(0.5)) };
}
