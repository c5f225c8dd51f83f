/**
 * The results file: bench/results/<YYYY-MM-DD>-<machine>[-security-latency].json (UTC date of the start),
 * never overwritten (a second run the same day gets -2, -3, …), or BENCH_OUT.
 * The machine's name is BENCH_MACHINE, else the CPU model and core count ("amd-epyc-2c"): stable
 * across reboots and re-created VMs of one kind, unlike a VM's host name.
 */
import { cpus, hostname, release, totalmem } from 'node:os';
import { gitState, machineName as nameOf, run, writeResultsFile } from '../common/results';
import { COMPILE, CORES, HOST_PYTHON, IMAGES, LANGS, RUN } from './settings';

export { gitState };

export const machineName = (): string => nameOf(CORES);

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
  const stem = `${started.toISOString().slice(0, 10)}-${machineName()}${kind === 'security' ? '-security-latency' : ''}`;
  return writeResultsFile(stem, out, process.env.BENCH_OUT);
}
