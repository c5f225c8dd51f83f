/**
 * The results file: bench/results/<YYYY-MM-DD>-<machine>[-security-latency].json (UTC date of the start),
 * never overwritten (a second run the same day gets -2, -3, …), or BENCH_OUT.
 * The machine's name is BENCH_MACHINE, else the CPU model and core count ("amd-epyc-2c"): stable
 * across reboots and re-created VMs of one kind, unlike a VM's host name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { COMPILE, CORES, HOST_PYTHON, IMAGES, LANGS, RUN } from './settings';

const ROOT = resolve(__dirname, '../..');

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineName(): string {
  if (process.env.BENCH_MACHINE) return process.env.BENCH_MACHINE;
  const model = (cpus()[0]?.model ?? 'unknown-cpu')
    .replace(/\((R|TM)\)/gi, '')
    .replace(/\b(CPU|Processor|\d+-Core)\b/gi, '')
    .replace(/@.*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${model}-${CORES}c`;
}

/** The commit measured, and whether the work tree differed from it (what `npm run up` built). */
export function gitState() {
  const changed = (run('git', ['status', '--porcelain']) ?? '').split('\n').filter(Boolean);
  return {
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    dirty: changed.length > 0,
    changedFiles: changed.map((l) => l.slice(3)),
  };
}

export function machineFacts() {
  const image = (ref: string) => run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref])?.slice(7, 19) ?? null;
  return {
    name: machineName(),
    hostname: hostname(),
    cpuModel: cpus()[0]?.model ?? null,
    cores: CORES,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
    kernel: release(),
    node: process.version,
    docker: run('docker', ['version', '--format', '{{.Server.Version}}']),
    otherContainersRunning: (run('docker', ['ps', '-q']) ?? '').split('\n').filter(Boolean).length,
    hostToolchain: {
      gcc: run('gcc', ['-dumpfullversion']),
      python: run(HOST_PYTHON, ['--version']),
    },
    judgeImages: Object.fromEntries(LANGS.map((l) => [IMAGES[l], image(IMAGES[l])])),
    commands: Object.fromEntries(LANGS.map((l) => [l, { compile: COMPILE[l].join(' '), run: RUN[l].join(' ') }])),
  };
}

/** Writes the results; returns the path relative to the repository. */
export function writeResults(started: Date, kind: 'full' | 'security', out: object): string {
  let file = process.env.BENCH_OUT ? resolve(process.env.BENCH_OUT) : '';
  if (!file) {
    const base = join(ROOT, 'bench/results', `${started.toISOString().slice(0, 10)}-${machineName()}`);
    const suffix = kind === 'security' ? '-security-latency' : '';
    file = `${base}${suffix}.json`;
    for (let k = 2; existsSync(file); k++) file = `${base}${suffix}-${k}.json`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return relative(process.cwd(), file) || file;
}
