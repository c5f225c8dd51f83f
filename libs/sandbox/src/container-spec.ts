import type { ContainerCreateOptions } from 'dockerode';
import { seccompSecurityOpt } from './seccomp-profile';

export const SANDBOX_LABEL = 'bastion.sandbox';
export const WORKER_LABEL = 'bastion.worker';
export const SANDBOX_UID = '1000:1000';
export const RUNSC_PIDS_ALLOWANCE = 128;

export interface SandboxSettings {
  workerId: string;
  image: string;
  runtime: string;
  memoryMb: number;
  cpus: number;
  pidsLimit: number;
  workdirMb: number;
  /**
   * A long-lived container whose runner serves each submission in a session: fresh user, pid,
   * mount, ipc, uts, net and cgroup namespaces and tmpfs /box, /tmp and /dev/shm, made by bwrap
   * (runner.c, --sessions). runc only: under gVisor bwrap cannot build them.
   */
  sessions?: boolean;
}

/**
 * The container a submission runs in: no network, read-only root, size-capped tmpfs work dir,
 * no capabilities, no privilege gain, non-root, memory+swap capped, pids/CPU capped, no mounts,
 * an empty environment. Its main process is the runner, driven over the attached stdin/stdout.
 */
/** Memory the sandbox's tmpfs mounts (/box, /tmp, /dev/shm) can hold at most, in MiB. */
export function scratchMb(s: Pick<SandboxSettings, 'workdirMb'>): number {
  return s.workdirMb + tmpMb(s) + SHM_MB;
}

const SHM_MB = 16;
const tmpMb = (s: Pick<SandboxSettings, 'workdirMb'>) => Math.max(s.workdirMb, 256);
/** Caps the files a program can create: empty files cost kernel memory too. */
const TMPFS_INODES = 8192;

export function containerSpec(s: SandboxSettings): ContainerCreateOptions {
  const bytes = s.memoryMb * 1024 * 1024;
  const fileCap = Math.max(s.workdirMb, 64) * 1024 * 1024;
  return {
    Image: s.image,
    Cmd: s.sessions
      ? ['/usr/local/bin/bastion-runner', '--sessions', String(s.workdirMb), String(tmpMb(s)), String(SHM_MB)]
      : ['/usr/local/bin/bastion-runner'],
    User: SANDBOX_UID,
    WorkingDir: '/box',
    Env: [],
    Hostname: 'sandbox',
    Labels: { [SANDBOX_LABEL]: '1', [WORKER_LABEL]: s.workerId },
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: false,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: {
        '/box': `rw,exec,nosuid,nodev,size=${s.workdirMb}m,nr_inodes=${TMPFS_INODES},uid=1000,gid=1000,mode=0755`,
        '/tmp': `rw,nosuid,nodev,size=${tmpMb(s)}m,nr_inodes=${TMPFS_INODES},uid=1000,gid=1000,mode=1777`,
      },
      ShmSize: SHM_MB * 1024 * 1024,
      CapDrop: ['ALL'],
      // Bastion's seccomp profile (./seccomp-profile.ts), under runsc too (it runs with --oci-seccomp)
      SecurityOpt: ['no-new-privileges', seccompSecurityOpt(s.runtime, { sessions: s.sessions })],
      // Sessions: bwrap mounts a fresh /proc for each, which the kernel allows only where no part of
      // /proc is hidden; the runner masks the same paths again inside every session.
      ...(s.sessions ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
      Memory: bytes,
      MemorySwap: bytes,
      // Under gVisor the cgroup also counts the Sentry's own threads, which need room of their own.
      PidsLimit: s.runtime === 'runsc' ? s.pidsLimit + RUNSC_PIDS_ALLOWANCE : s.pidsLimit,
      NanoCpus: Math.round(s.cpus * 1e9),
      Ulimits: [
        { Name: 'nofile', Soft: 256, Hard: 256 },
        { Name: 'fsize', Soft: fileCap, Hard: fileCap },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      Runtime: s.runtime,
      IpcMode: 'private',
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
    },
  };
}
