/**
 * The results file, bench/results/security-<YYYY-MM-DD>-<machine>.json (UTC date of the start; a
 * second run that day gets -2, -3, …), and the facts that make a run comparable: the commit and
 * whether the tree differed from it, the machine, and each suite's commit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** BENCH_MACHINE, else the CPU model and core count ("amd-epyc-2c"), as bench/judge names it. */
export function machineName(): string {
  if (process.env.BENCH_MACHINE) return process.env.BENCH_MACHINE;
  const model = (cpus()[0]?.model ?? 'unknown-cpu')
    .replace(/\((R|TM)\)/gi, '')
    .replace(/\b(CPU|Processor|\d+-Core)\b/gi, '')
    .replace(/@.*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${model}-${cpus().length}c`;
}

export function runFacts() {
  const changed = (run('git', ['status', '--porcelain']) ?? '').split('\n').filter(Boolean);
  return {
    git: { commit: run('git', ['rev-parse', '--short', 'HEAD']), dirty: changed.length > 0 },
    machine: { name: machineName(), hostname: hostname(), cores: cpus().length, cpuModel: cpus()[0]?.model ?? null },
  };
}

export function writeResults(started: Date, out: object, file: string | null): string {
  let path = file ? resolve(file) : '';
  if (!path) {
    const base = join(ROOT, 'bench/results', `security-${started.toISOString().slice(0, 10)}-${machineName()}`);
    path = `${base}.json`;
    for (let k = 2; existsSync(path); k++) path = `${base}-${k}.json`;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  return relative(process.cwd(), path) || path;
}
