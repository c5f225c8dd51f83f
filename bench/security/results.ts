/**
 * The results file, bench/results/security-<YYYY-MM-DD>-<machine>.json (UTC date of the start; a
 * second run that day gets -2, -3, …), and the facts that make a run comparable: the commit and
 * whether the tree differed from it, the machine, and each suite's commit.
 */
import { cpus, hostname } from 'node:os';
import { gitState, machineName, ROOT, writeResultsFile } from '../common/results';

export { ROOT };

export function runFacts() {
  const { commit, dirty } = gitState();
  return {
    git: { commit, dirty },
    machine: { name: machineName(), hostname: hostname(), cores: cpus().length, cpuModel: cpus()[0]?.model ?? null },
  };
}

export function writeResults(started: Date, out: object, file: string | null): string {
  return writeResultsFile(`security-${started.toISOString().slice(0, 10)}-${machineName()}`, out, file);
}
