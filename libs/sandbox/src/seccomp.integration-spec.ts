import Docker from 'dockerode';
import { SandboxSettings } from './container-spec';
import { Sandbox } from './sandbox';
import { SandboxPool } from './sandbox-pool';

jest.setTimeout(180_000);

const docker = new Docker();
const workerId = `itest-seccomp-${process.pid}`;
const limits = { cpuMs: 2000, wallMs: 10_000, outputBytes: 1 << 20, memoryKb: 0 };
const settings = (runtime: string, sessions: boolean): SandboxSettings => ({
  workerId,
  image: 'bastion-judge-c:latest',
  runtime,
  memoryMb: 512,
  cpus: 1,
  pidsLimit: 64,
  workdirMb: 64,
  sessions,
});

/**
 * Calls each kernel interface the profile refuses, then a few that judged programs need, and prints
 * one line per call: `<name> ok` or `<name> <errno name>`.
 */
const PROBE_C = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *name, long r) {
  printf("%s %s\n", name, r >= 0 ? "ok" : strerrorname_np(errno));
  fflush(stdout);
}
/* A namespace-making call that succeeds must not change the prober: it runs in a child. */
static void in_child(const char *name, long nr, unsigned long flags) {
  int fds[2];
  pipe(fds);
  pid_t p = fork();
  if (p == 0) {
    long r = syscall(nr, flags);
    int e = r < 0 ? errno : 0;
    write(fds[1], &e, sizeof e);
    _exit(0);
  }
  int e = -1;
  read(fds[0], &e, sizeof e);
  waitpid(p, NULL, 0);
  errno = e;
  report(name, e ? -1 : 0);
}
static long clone_flags(unsigned long flags) {
  long r = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
  if (r == 0) _exit(0);
  if (r > 0) waitpid(r, NULL, 0);
  return r;
}
static long clone3_flags(unsigned long long flags) {
  struct { unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls; } a;
  memset(&a, 0, sizeof a);
  a.flags = flags;
  a.exit_signal = SIGCHLD;
  long r = syscall(SYS_clone3, &a, sizeof a);
  if (r == 0) _exit(0);
  if (r > 0) waitpid(r, NULL, 0);
  return r;
}
static void *thread_main(void *arg) { return arg; }

int main(void) {
  struct io_uring_params up;
  memset(&up, 0, sizeof up);
  report("io_uring_setup", syscall(SYS_io_uring_setup, 4, &up));
  report("io_uring_enter", syscall(SYS_io_uring_enter, 0, 1, 0, 0, NULL, 0));
  report("io_uring_register", syscall(SYS_io_uring_register, 0, 0, NULL, 0));
  report("userfaultfd", syscall(SYS_userfaultfd, 0));
  union bpf_attr ba;
  memset(&ba, 0, sizeof ba);
  ba.map_type = BPF_MAP_TYPE_ARRAY;
  ba.key_size = ba.value_size = 4;
  ba.max_entries = 1;
  report("bpf", syscall(SYS_bpf, BPF_MAP_CREATE, &ba, sizeof ba));
  report("keyctl", syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session keyring */, 1));
  report("add_key", syscall(SYS_add_key, "user", "bastion", "x", 1, -3));
  report("request_key", syscall(SYS_request_key, "user", "bastion", NULL, 0));
  struct perf_event_attr pe;
  memset(&pe, 0, sizeof pe);
  pe.type = PERF_TYPE_SOFTWARE;
  pe.size = sizeof pe;
  pe.config = PERF_COUNT_SW_CPU_CLOCK;
  pe.exclude_kernel = 1;
  report("perf_event_open", syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0));
  in_child("unshare_user", SYS_unshare, CLONE_NEWUSER);
  in_child("unshare_user_mount", SYS_unshare, CLONE_NEWUSER | CLONE_NEWNS);
  in_child("unshare_mount", SYS_unshare, CLONE_NEWNS);
  report("clone_user", clone_flags(CLONE_NEWUSER));
  report("clone_pid_net", clone_flags(CLONE_NEWPID | CLONE_NEWNET));
  report("mount", syscall(SYS_mount, "none", "/box", "tmpfs", 0UL, NULL));
  report("umount2", syscall(SYS_umount2, "/box", 0));
  report("pivot_root", syscall(SYS_pivot_root, "/box", "/box"));
  report("sethostname", syscall(SYS_sethostname, "x", 1));
  report("clone3_user", clone3_flags(CLONE_NEWUSER));
  report("mknod_char", mknod("/box/null2", S_IFCHR | 0666, makedev(1, 3)));
  report("mknod_block", mknod("/box/sda", S_IFBLK | 0666, makedev(8, 0)));
  /* signals to the runner, PID 1 (signal 0: only asks whether it could be signalled) */
  report("kill_runner", syscall(SYS_kill, 1, 0));
  report("kill_runner_high_bits", syscall(SYS_kill, 0x100000001L, 0));
  report("tkill_runner", syscall(SYS_tkill, 1, 0));
  report("tgkill_runner", syscall(SYS_tgkill, 1, 1, 0));
  int proc1 = open("/proc/1", O_RDONLY | O_DIRECTORY);
  report("pidfd_send_signal", syscall(SYS_pidfd_send_signal, proc1, 0, NULL, 0));
  /* controls: what judged programs do all the time */
  report("kill_self", syscall(SYS_kill, getpid(), 0));
  report("kill_group", syscall(SYS_kill, 0, 0));
  report("kill_all", syscall(SYS_kill, -1, 0));
  report("getpid", syscall(SYS_getpid));
  report("fork", clone_flags(0));
  pthread_t t;
  int e = pthread_create(&t, NULL, thread_main, NULL);
  if (!e) pthread_join(t, NULL);
  errno = e;
  report("pthread_create", e ? -1 : 0);
  report("mknod_fifo", mknod("/box/fifo", S_IFIFO | 0600, 0));
  return 0;
}
`;

const REFUSED = {
  io_uring_setup: 'EPERM',
  io_uring_enter: 'EPERM',
  io_uring_register: 'EPERM',
  userfaultfd: 'EPERM',
  bpf: 'EPERM',
  keyctl: 'EPERM',
  add_key: 'EPERM',
  request_key: 'EPERM',
  perf_event_open: 'EPERM',
  unshare_user: 'EPERM',
  unshare_user_mount: 'EPERM',
  unshare_mount: 'EPERM',
  clone_user: 'EPERM',
  clone_pid_net: 'EPERM',
  mount: 'EPERM',
  umount2: 'EPERM',
  pivot_root: 'EPERM',
  sethostname: 'EPERM',
  // the filter cannot read clone3's flags: ENOSYS for every clone3, and glibc falls back to clone
  clone3_user: 'ENOSYS',
  // no CAP_MKNOD under runc; under gVisor, whose kernel does not ask for it, the profile refuses
  mknod_char: 'EPERM',
  mknod_block: 'EPERM',
  // gVisor does not shield PID 1 from its namespace's signals as Linux does: the profile does
  kill_runner: 'EPERM',
  kill_runner_high_bits: 'EPERM',
  tkill_runner: 'EPERM',
  tgkill_runner: 'EPERM',
  pidfd_send_signal: 'EPERM',
};
const WORKING = {
  getpid: 'ok',
  kill_self: 'ok',
  kill_group: 'ok',
  // past the filter, the kernel's answer: no process but the runner and the caller, which it skips
  kill_all: 'ESRCH',
  fork: 'ok',
  pthread_create: 'ok',
  mknod_fifo: 'ok',
};

// With sessions the container's profile allows namespaces and mounts, for bwrap: the runner's filter
// takes them back from every program it starts, so the judged program meets the same refusals.
describe.each([
  ['runc', false],
  ['runsc', false],
  ['runc', true],
])("Bastion's seccomp profile in a real sandbox, runtime %s, sessions %s", (runtime, sessions) => {
  afterAll(async () => {
    await SandboxPool.removeLeftovers(docker, workerId);
  });

  if (runtime === 'runsc') {
    it('is applied by runsc: the runtime is registered with --oci-seccomp (scripts/services.sh)', async () => {
      const info = (await docker.info()) as { Runtimes?: Record<string, { runtimeArgs?: string[] }> };
      expect(info.Runtimes?.runsc?.runtimeArgs ?? []).toContain('--oci-seccomp');
    });
  }

  it('refuses io_uring, userfaultfd, bpf, keyrings, perf_event_open, namespaces and device nodes to the judged program', async () => {
    const box = await Sandbox.start(docker, settings(runtime, sessions), 'c');
    try {
      const opts = (await box.container.inspect()).HostConfig.SecurityOpt ?? [];
      expect(opts.some((o: string) => o.startsWith('seccomp='))).toBe(true);
      await box.writeFile('probe.c', PROBE_C);
      const cc = await box.run(['gcc', '-O2', '-pthread', '-o', 'probe', 'probe.c'], Buffer.alloc(0), {
        ...limits,
        cpuMs: 30_000,
        wallMs: 60_000,
      });
      expect({ status: cc.status, stderr: cc.stderr.toString() }).toEqual({ status: 'OK', stderr: '' });

      const r = await box.run(['./probe'], Buffer.alloc(0), limits);
      expect(r).toMatchObject({ status: 'OK', exitCode: 0 });
      const seen = Object.fromEntries(
        r.stdout
          .toString()
          .trim()
          .split('\n')
          .map((l) => l.split(' ')),
      );
      expect(seen).toEqual({ ...REFUSED, ...WORKING });
    } finally {
      await box.destroy();
    }
  });
});
