import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * Where a mode's CPU went, by process: the machine's busy time (/proc/stat) and every process's own
 * time (utime + stime of /proc/<pid>/stat), polled every POLL_MS so that the short-lived processes a
 * submission makes (runc, shims, compilers, the judged program) are seen before they exit. A process
 * that starts and ends between two polls, and interrupts, are what `unseen` holds: the machine's busy
 * time less everything seen. Linux only (elsewhere: null).
 */

const POLL_MS = 100;
/** USER_HZ: the unit of /proc's CPU times on every Linux architecture Node runs on. */
const TICK_MS = 10;

/** How a process is counted, in the order the table shows them. */
export const CPU_GROUPS = [
  'sandbox',
  'dockerd',
  'containerd',
  'shim/runc',
  'kernel',
  'api',
  'worker',
  'postgres',
  'redis',
  'bench',
  'other',
  'unseen',
] as const;
export type CpuGroup = (typeof CPU_GROUPS)[number];

export interface CpuUse {
  /** The machine's busy CPU per submission, ms (user, system, irq, softirq, steal; not idle or iowait). */
  machineMs: number;
  /** Per group, ms per submission; `unseen` = machine less the groups. */
  byGroup: Record<CpuGroup, number>;
  submissions: number;
  polls: number;
}

interface Seen {
  group: CpuGroup;
  first: number;
  last: number;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // it exited between the listing and the read
  }
};

/** user + nice + system + irq + softirq + steal of the first line of /proc/stat, in ticks. */
function machineTicks(): number {
  const cpu = (read('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/**
 * Waits until the machine is quiet: its busy CPU over one second below `busyShare` of all cores
 * (what the mode before left running — naive's container teardown — must not be billed to the
 * next), for at most `maxS`. Returns the seconds waited and the busy share it started on.
 */
export async function settle(busyShare = 0.1, maxS = 60): Promise<{ waitedS: number; busyAtStart: number }> {
  const cores = cpus().length;
  const busy = async () => {
    const a = machineTicks();
    await new Promise((r) => setTimeout(r, 1000));
    return (machineTicks() - a) / TICKS_PER_S / cores;
  };
  const t0 = Date.now();
  const first = await busy();
  let now = first;
  while (now >= busyShare && Date.now() - t0 < maxS * 1000) now = await busy();
  return { waitedS: Math.round((Date.now() - t0) / 100) / 10, busyAtStart: Math.round(first * 100) / 100 };
}

/** A process's stat fields after its name (which may hold spaces and parentheses). */
function statOf(pid: string): ProcStat | null {
  const text = read(`/proc/${pid}/stat`);
  return text ? parseStat(text) : null;
}

export interface ProcStat {
  comm: string;
  ppid: number;
  /** utime + stime, in ticks */
  ticks: number;
  /** starttime: with the pid, tells a process from a later one that got the same pid */
  start: string;
}

/** One /proc/<pid>/stat line; the name is what lies between the first `(` and the last `)`. */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22
  return { comm: text.slice(open + 1, close), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), start: f[19] };
}

function groupOf(pid: string, comm: string, ppid: number, self: number): CpuGroup {
  if (Number(pid) === self) return 'bench';
  if (pid === '2' || ppid === 2) return 'kernel'; // kthreadd's children: kworker, ksoftirqd, …
  if (/(^|\/)(docker|containerd|libpod)[-/]/.test(read(`/proc/${pid}/cgroup`) ?? '')) {
    return 'sandbox';
  }
  if (comm === 'dockerd') return 'dockerd';
  if (comm === 'containerd') return 'containerd';
  if (comm.startsWith('containerd-shim') || comm.startsWith('runc') || comm === 'runsc' || comm.startsWith('runsc-'))
    return 'shim/runc';
  if (comm === 'postgres') return 'postgres';
  if (comm.startsWith('redis')) return 'redis';
  if (comm === 'node' || comm.startsWith('node')) {
    const cmd = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ');
    if (/apps\/api\//.test(cmd)) return 'api';
    if (/apps\/worker\//.test(cmd)) return 'worker';
  }
  if (ppid === process.pid) return 'bench'; // the host compilers and programs of `bare`, docker CLIs of `naive`
  return 'other';
}

/** Started before a mode's timed part, stopped after it with the number of submissions it judged. */
export class CpuMeter {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;
  private machineStart = 0;
  private polls = 0;

  static available(): boolean {
    return process.platform === 'linux' && read('/proc/stat') !== null;
  }

  start(): void {
    this.machineStart = machineTicks();
    this.poll(true);
    this.timer = setInterval(() => this.poll(false), POLL_MS);
    this.timer.unref();
  }

  stop(submissions: number): CpuUse {
    if (this.timer) clearInterval(this.timer);
    this.poll(false);
    const machine = (machineTicks() - this.machineStart) * TICK_MS;
    const byGroup = Object.fromEntries(CPU_GROUPS.map((g) => [g, 0])) as Record<CpuGroup, number>;
    let seenMs = 0;
    for (const s of this.seen.values()) {
      const ms = (s.last - s.first) * TICK_MS;
      byGroup[s.group] += ms;
      seenMs += ms;
    }
    byGroup.unseen = Math.max(0, machine - seenMs);
    const per = (ms: number) => Math.round(ms / Math.max(1, submissions));
    for (const g of CPU_GROUPS) byGroup[g] = per(byGroup[g]);
    return { machineMs: per(machine), byGroup, submissions, polls: this.polls };
  }

  /** `atStart`: what a process had before the mode is not the mode's (later ones started within it). */
  private poll(atStart: boolean): void {
    this.polls++;
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    } catch {
      return;
    }
    for (const pid of pids) {
      const st = statOf(pid);
      if (!st) continue;
      const key = `${pid}:${st.start}`;
      const had = this.seen.get(key);
      if (had) had.last = st.ticks;
      else
        this.seen.set(key, {
          group: groupOf(pid, st.comm, st.ppid, process.pid),
          first: atStart ? st.ticks : 0,
          last: st.ticks,
        });
    }
  }
}
