import Docker from 'dockerode';
import { SandboxSettings, WORKER_LABEL } from './container-spec';
import { Sandbox } from './sandbox';
import { SandboxPool } from './sandbox-pool';

jest.setTimeout(180_000);

const docker = new Docker();
const workerId = `itest-sessions-${process.pid}`;
const settings: SandboxSettings = {
  workerId,
  image: 'bastion-judge-c:latest',
  runtime: 'runc',
  memoryMb: 512,
  cpus: 1,
  pidsLimit: 64,
  workdirMb: 64,
  sessions: true,
};
const limits = { cpuMs: 5000, wallMs: 10_000, outputBytes: 1 << 20, memoryKb: 0 };
const none = Buffer.alloc(0);

/**
 * Leaves everything a submission could leave for the next one in the same container: files in
 * /box, /tmp and /dev/shm, a SysV shared memory segment, semaphore set and message queue, a daemon
 * (double fork, new session, every catchable signal ignored) listening on an abstract unix socket,
 * and lowered limits. Prints `planted` once all of it is in place.
 */
const PLANT_C = String.raw`#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
int main(void) {
  FILE *f;
  const char *paths[] = {"/box/left", "/tmp/left", "/dev/shm/left"};
  for (int i = 0; i < 3; i++) { f = fopen(paths[i], "w"); if (!f) return 10 + i; fputs("x", f); fclose(f); }
  if (shmget(0x1234, 4096, IPC_CREAT | 0666) < 0) return 20;
  if (semget(0x1235, 1, IPC_CREAT | 0666) < 0) return 21;
  if (msgget(0x1236, IPC_CREAT | 0666) < 0) return 22;
  struct rlimit rl = {16, 16};
  if (setrlimit(RLIMIT_NOFILE, &rl) < 0) return 23;
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a;
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  memcpy(a.sun_path + 1, "bastion-left", 12);
  if (bind(s, (struct sockaddr *)&a, sizeof(sa_family_t) + 13) < 0 || listen(s, 4) < 0) return 24;
  if (fork() == 0) {
    setsid();
    for (int sig = 1; sig < 32; sig++) signal(sig, SIG_IGN);
    if (fork() == 0) { for (;;) pause(); }
    _exit(0);
  }
  puts("planted");
  return 0;
}
`;

/** Looks for each thing PLANT_C leaves and prints what it finds (`clean` if nothing). */
const LOOK_C = String.raw`#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
int found = 0;
static void seen(const char *what) { printf("left:%s\n", what); found = 1; }
int main(void) {
  const char *paths[] = {"/box/left", "/tmp/left", "/dev/shm/left"};
  for (int i = 0; i < 3; i++) if (access(paths[i], F_OK) == 0) seen(paths[i]);
  if (shmget(0x1234, 0, 0) >= 0) seen("shm");
  if (semget(0x1235, 0, 0) >= 0) seen("sem");
  if (msgget(0x1236, 0) >= 0) seen("msg");
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 16) seen("rlimit");
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a;
  memset(&a, 0, sizeof a);
  a.sun_family = AF_UNIX;
  memcpy(a.sun_path + 1, "bastion-left", 12);
  if (connect(s, (struct sockaddr *)&a, sizeof(sa_family_t) + 13) == 0) seen("socket");
  /* processes: only the session's runner (PID 1) and this one */
  DIR *d = opendir("/proc");
  struct dirent *e;
  while (d && (e = readdir(d))) {
    int pid = atoi(e->d_name);
    if (pid > 1 && pid != getpid()) seen("process");
  }
  if (!found) puts("clean");
  return 0;
}
`;

async function build(box: Sandbox, name: string, source: string): Promise<void> {
  await box.writeFile(`${name}.c`, source);
  const r = await box.run(['gcc', '-O2', '-o', name, `${name}.c`], none, { ...limits, cpuMs: 20_000, wallMs: 40_000 });
  expect({ status: r.status, stderr: r.stderr.toString() }).toEqual({ status: 'OK', stderr: '' });
}

describe('sessions: a long-lived runc container, a fresh bwrap session per submission', () => {
  afterAll(async () => {
    await SandboxPool.removeLeftovers(docker, workerId);
  });

  it('keeps nothing a submission leaves from the next one in the same container', async () => {
    const box = await Sandbox.start(docker, settings, 'c');
    try {
      await build(box, 'look', LOOK_C);
      // within one session the runner already wipes /tmp, /dev/shm and SysV IPC after each run
      await build(box, 'plant', PLANT_C);
      const planted = await box.run(['./plant'], none, limits);
      expect({ status: planted.status, stdout: planted.stdout.toString() }).toEqual({
        status: 'OK',
        stdout: 'planted\n',
      });
      const same = await box.run(['./look'], none, limits);
      expect(same.stdout.toString()).toContain('left:/box/left'); // the control: /box is the submission's

      const id = box.id;
      await box.recycle();
      expect(box.uses).toBe(2);
      await build(box, 'look', LOOK_C);
      const next = await box.run(['./look'], none, limits);
      expect({ status: next.status, stdout: next.stdout.toString() }).toEqual({ status: 'OK', stdout: 'clean\n' });
      expect(box.id).toBe(id);
    } finally {
      await box.destroy();
    }
  });

  it('shows the judged program a session, not the container: its own pid, uts and net namespaces, masked /proc', async () => {
    const box = await Sandbox.start(docker, settings, 'c');
    try {
      const sh = (script: string) => box.run(['sh', '-c', script], none, limits);
      expect((await sh('echo $$; hostname; id -u')).stdout.toString()).toBe('2\nsandbox\n1000\n');
      expect((await sh('ls /sys/class/net')).stdout.toString()).toBe('lo\n');
      expect((await sh('cat /proc/timer_list /proc/sched_debug 2>/dev/null | wc -c')).stdout.toString()).toBe('0\n');
      const sys = await sh('echo 1 > /proc/sys/kernel/ns_last_pid');
      expect(sys.status).toBe('RE');
      expect(sys.stderr.toString()).toMatch(/Read-only file system|Permission denied/);
      // the runner of the session is not open to the program (non-dumpable; another user namespace's root)
      const runner = await sh(
        'ls /proc/1/fd >/dev/null 2>&1 && echo fd; cat /proc/1/environ >/dev/null 2>&1 && echo env; echo done',
      );
      expect(runner.stdout.toString()).toBe('done\n');
    } finally {
      await box.destroy();
    }
  });

  it('keeps the ceiling rather than lowering it (the runner gives MLE), and a raise lasts one submission', async () => {
    const box = await Sandbox.start(docker, settings, 'c');
    const MiB = 1024 * 1024;
    const limit = async () => (await box.container.inspect()).HostConfig.Memory;
    try {
      await box.setMemoryLimit(96);
      expect(await limit()).toBe(512 * MiB);
      await build(
        box,
        'eat',
        '#include <stdlib.h>\n#include <string.h>\nint main(void){for(;;){char*p=malloc(1<<20);if(!p)return 3;memset(p,1,1<<20);}}\n',
      );
      expect((await box.run(['./eat'], none, { ...limits, memoryKb: 64 * 1024 })).status).toBe('MLE');
      await box.setMemoryLimit(768);
      expect(await limit()).toBe(768 * MiB);
      await box.recycle();
      expect(await limit()).toBe(512 * MiB);
    } finally {
      await box.destroy();
    }
  });

  it('lends the same container again through the pool, and replaces it after `reuse` submissions', async () => {
    const pool = new SandboxPool({ docker, settings: () => settings, size: 1, reuse: 2 });
    try {
      const first = await pool.acquire('c');
      await pool.release(first);
      const second = await pool.acquire('c');
      expect(second.id).toBe(first.id);
      expect(second.uses).toBe(2);
      await pool.release(second); // its second submission: destroyed, and the pool starts another
      expect(second.alive).toBe(false);
      const third = await pool.acquire('c');
      expect(third.id).not.toBe(first.id);
      expect(third.uses).toBe(1);
      void pool.release(third); // recycling when the pool closes: close() waits for it, then removes it
    } finally {
      await pool.close();
    }
    const left = await docker.listContainers({ all: true, filters: { label: [`${WORKER_LABEL}=${workerId}`] } });
    expect(left.map((c) => c.Id)).toEqual([]);
  });
});
