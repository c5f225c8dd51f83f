/**
 * What every benchmark's results file shares: where it goes (bench/results/<name>.json, never
 * overwritten: a second run the same day gets -2, -3, …), the machine's name, and the commit
 * measured. The machine's name is BENCH_MACHINE, else the CPU model and core count ("amd-epyc-2c"):
 * stable across reboots and re-created VMs of one kind, unlike a VM's host name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** A command's trimmed output, or null when it failed. */
export function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineName(cores = cpus().length): string {
  if (process.env.BENCH_MACHINE) return process.env.BENCH_MACHINE;
  const model = (cpus()[0]?.model ?? 'unknown-cpu')
    .replace(/\((R|TM)\)/gi, '')
    .replace(/\b(CPU|Processor|\d+-Core)\b/gi, '')
    .replace(/@.*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${model}-${cores}c`;
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

/**
 * Writes `out` to `file` when one is given, else to bench/results/<stem>.json (or -2, -3, … when
 * that exists); returns the path relative to the working directory.
 */
export function writeResultsFile(stem: string, out: object, file?: string | null): string {
  let path = file ? resolve(file) : '';
  if (!path) {
    const base = join(ROOT, 'bench/results', stem);
    path = `${base}.json`;
    for (let k = 2; existsSync(path); k++) path = `${base}-${k}.json`;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  return relative(process.cwd(), path) || path;
}
