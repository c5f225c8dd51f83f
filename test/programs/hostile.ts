/**
 * Hostile programs for test/hostile.e2e-spec.ts.
 *
 * Escape probes try something the sandbox must forbid and print the single token `contained`
 * when every attempt failed; anything that got through is printed first as one token
 * `escaped:<what>`, so a WA message ("expected "contained", got "escaped:…"") names the hole.
 * Bombs and floods only need to be judged (TLE, MLE, OLE, …) without hurting the judge.
 *
 * Sources are String.raw so that C escapes ("\n") stay in the C source.
 */

/** Common head of the C probes: `escaped(fmt, …)` reports one hole, `finish()` prints `contained` if none. */
const C_PRELUDE = String.raw`#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BASTION_TOLERATED
#define BASTION_TOLERATED NULL
#endif
/* holes of the runtime under test that are known, documented and checked on their own (see tolerating()) */
static const char *tolerated[] = {BASTION_TOLERATED, NULL};
static int escapes;
static void escaped(const char *fmt, ...) {
  char buf[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  for (char *p = buf; *p; p++)
    if (isspace((unsigned char)*p)) *p = '_';
  for (int i = 0; tolerated[i]; i++)
    if (strcmp(buf, tolerated[i]) == 0) return;
  printf("escaped:%s\n", buf);
  fflush(stdout);
  escapes++;
}
static int finish(void) {
  if (!escapes) puts("contained");
  fflush(stdout);
  return 0;
}
__attribute__((unused)) static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
}
`;

const c = (body: string) => C_PRELUDE + body;

/**
 * What gVisor (runsc 2022-12) lets a judged program see of the runner, PID 1: it ignores the
 * runner's non-dumpable flag, so a program running as the same uid can read its environment (the
 * image's PATH and the host name; no secret is ever in it) and open its descriptors 0-2, the
 * protocol stream (it could write into it, and derail the judging of its own submission). Closing
 * it takes running the program under a uid other than the runner's. The escape probes tolerate
 * exactly these under runsc (`tolerating`), and the hostile suite checks through POST /runs that
 * they are all there is.
 */
export const GVISOR_GAPS = {
  secrets: ['readable:/proc/1/environ'],
  privilege: ['opened:/proc/1/fd/0', 'opened:/proc/1/fd/1', 'opened:/proc/1/fd/2', 'listed:/proc/1/fd'],
} as const;

/** A C probe that does not report the given holes (each one token, as the probe prints it after `escaped:`). */
export function tolerating(source: string, holes: readonly string[]): string {
  if (!holes.length) return source;
  return `#define BASTION_TOLERATED ${holes.map((h) => JSON.stringify(h)).join(', ')}\n${source}`;
}

/** Renders host:port pairs as a C initializer. */
const cTargets = (targets: ReadonlyArray<readonly [string, number]>) =>
  targets.map(([h, p]) => `{"${h}", ${p}}`).join(', ');

/**
 * Network probe (C): TCP to every target (the host's Redis, PostgreSQL, Docker API and Bastion API,
 * on loopback, the Docker bridge and the host's own addresses, and the internet), UDP out, DNS,
 * interfaces other than lo, and host sockets visible through /proc/net/unix. In a container without
 * a network every connect must fail at once (refused on its own lo, unreachable elsewhere); a connect
 * that hangs means a route exists, which is a hole too.
 */
export function netProbeC(targets: ReadonlyArray<readonly [string, number]>): string {
  return c(String.raw`
struct target { const char *host; int port; };
static const struct target targets[] = { ${cTargets(targets)} };

static void tcp(const char *host, int port) {
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  int fam = strchr(host, ':') ? AF_INET6 : AF_INET;
  if (fam == AF_INET) {
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    inet_pton(AF_INET, host, &a->sin_addr);
    len = sizeof *a;
  } else {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons(port);
    inet_pton(AF_INET6, host, &a->sin6_addr);
    len = sizeof *a;
  }
  int s = socket(fam, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (s < 0) return;
  if (connect(s, (struct sockaddr *)&ss, len) == 0) {
    escaped("tcp-connected:%s:%d", host, port);
  } else if (errno == EINPROGRESS) {
    struct pollfd p = {s, POLLOUT, 0};
    int r = poll(&p, 1, 1500);
    int err = 0;
    socklen_t el = sizeof err;
    if (r == 0) escaped("tcp-route-exists(no-answer):%s:%d", host, port);
    else if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &el) == 0 && err == 0) escaped("tcp-connected:%s:%d", host, port);
    else if (err != ECONNREFUSED && err != ENETUNREACH && err != EHOSTUNREACH) escaped("tcp-route-exists(%s):%s:%d", strerror(err), host, port);
  }
  close(s);
}

static void udp(const char *host, int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, host, &a.sin_addr);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0) return;
  if (sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a) == 1) escaped("udp-sent:%s:%d", host, port);
  close(s);
}

int main(void) {
  for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) tcp(targets[i].host, targets[i].port);
  udp("1.1.1.1", 53);
  udp("8.8.8.8", 53);
  udp("172.17.0.1", 53);

  struct addrinfo *ai = NULL;
  if (getaddrinfo("deb.debian.org", "80", NULL, &ai) == 0) escaped("dns-resolved:deb.debian.org");
  if (getaddrinfo("example.com", "80", NULL, &ai) == 0) escaped("dns-resolved:example.com");

  FILE *f = fopen("/proc/net/dev", "r");
  char line[512];
  for (int n = 0; f && fgets(line, sizeof line, f); n++) {
    if (n < 2) continue; /* two header lines */
    char *colon = strchr(line, ':');
    if (!colon) continue;
    *colon = 0;
    char *name = line;
    while (*name == ' ') name++;
    if (strcmp(name, "lo") != 0) escaped("interface:%s", name);
  }
  if (f) fclose(f);

  f = fopen("/proc/net/unix", "r");
  for (int n = 0; f && fgets(line, sizeof line, f); n++) {
    if (n == 0) continue;
    if (strstr(line, "docker") || strstr(line, "containerd") || strstr(line, "PGSQL") || strstr(line, "redis"))
      escaped("host-unix-socket:%s", line);
  }
  if (f) fclose(f);
  return finish();
}
`);
}

/** Secrets (C): nothing but the runner's own four variables, no readable environ of PID 1, no engine socket. */
export const SECRETS_C = c(String.raw`
extern char **environ;
static const char *allowed[] = {"PATH", "HOME", "TMPDIR", "LANG", NULL};

int main(void) {
  for (char **e = environ; *e; e++) {
    size_t n = strcspn(*e, "=");
    int ok = 0;
    for (int i = 0; allowed[i]; i++)
      if (strlen(allowed[i]) == n && strncmp(*e, allowed[i], n) == 0) ok = 1;
    if (!ok) escaped("env:%.*s", (int)n, *e);
    if (strstr(*e, "postgres://") || strstr(*e, "redis://") || strstr(*e, "JWT") || strstr(*e, "BASTION"))
      escaped("env-value:%.*s", (int)n, *e);
  }
  /* every process but us: only the runner (PID 1) may exist, and its environment must be closed */
  DIR *d = opendir("/proc");
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) {
    if (!isdigit((unsigned char)de->d_name[0]) || atoi(de->d_name) == getpid()) continue;
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%s/environ", de->d_name);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
      ssize_t r = read(fd, buf, sizeof buf);
      if (r > 0) escaped("readable:%s", path);
      close(fd);
    }
  }
  if (d) closedir(d);
  const char *sockets[] = {"/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock",
                           "/var/run/containerd/containerd.sock", "/run/docker/docker.sock", "/run/secrets",
                           "/var/run/secrets", "/run/postgresql", "/var/run/postgresql", "/run/redis", NULL};
  struct stat st;
  for (int i = 0; sockets[i]; i++)
    if (lstat(sockets[i], &st) == 0) escaped("exists:%s", sockets[i]);
  int fd = open("/etc/shadow", O_RDONLY);
  if (fd >= 0) { escaped("readable:/etc/shadow"); close(fd); }
  return finish();
}
`);

/** Writes outside /box and /tmp (C): the root is read-only, cgroup and kernel knobs are closed, the runner is not replaceable. */
export const FS_WRITE_C = c(String.raw`
static void try_create(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd >= 0) { escaped("created:%s", path); close(fd); unlink(path); }
}
static void try_open_write(const char *path) {
  /* open only, never write: a working /proc/sysrq-trigger must not be exercised */
  int fd = open(path, O_WRONLY | O_APPEND);
  if (fd >= 0) { escaped("writable:%s", path); close(fd); }
}
int main(void) {
  try_open_write("/etc/passwd");
  try_open_write("/etc/hosts");
  try_open_write("/usr/local/bin/bastion-runner");
  try_open_write("/bin/sh");
  try_open_write("/proc/sysrq-trigger");
  try_open_write("/proc/sys/kernel/hostname");
  try_open_write("/proc/sys/vm/drop_caches");
  try_open_write("/sys/kernel/uevent_helper");
  try_open_write("/sys/fs/cgroup/memory/memory.limit_in_bytes");
  try_open_write("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes");
  try_open_write("/sys/fs/cgroup/pids/pids.max");
  try_open_write("/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
  try_open_write("/sys/fs/cgroup/memory.max");
  try_open_write("/sys/fs/cgroup/pids.max");
  try_open_write("/sys/fs/cgroup/cpu.max");
  try_open_write("/sys/fs/cgroup/cgroup.procs");
  try_create("/usr/bin/x");
  try_create("/x");
  try_create("/etc/x");
  try_create("/dev/x");
  try_create("/var/tmp/x");
  try_create("/run/x");
  try_create("/home/x");
  try_create("/usr/local/bin/x");
  if (mkdir("/x", 0755) == 0) escaped("mkdir:/x");
  if (rename("/usr/local/bin/bastion-runner", "/usr/local/bin/r") == 0) escaped("renamed:bastion-runner");
  if (unlink("/usr/local/bin/bastion-runner") == 0) escaped("unlinked:bastion-runner");
  if (chmod("/etc/passwd", 0666) == 0) escaped("chmod:/etc/passwd");
  if (symlink("/etc/passwd", "/etc/x") == 0) escaped("symlink:/etc/x");
  return finish();
}
`);

/** Privilege and isolation (C): no root, no capabilities, no namespaces, no mounts, no tracing of the runner. */
export const PRIVILEGE_C = c(String.raw`
int main(void) {
  if (geteuid() == 0 || getuid() == 0) escaped("running-as-root");
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  while (f && fgets(line, sizeof line, f)) {
    unsigned long long caps;
    if (sscanf(line, "CapEff: %llx", &caps) == 1 && caps) escaped("capabilities-effective:%llx", caps);
    if (sscanf(line, "CapPrm: %llx", &caps) == 1 && caps) escaped("capabilities-permitted:%llx", caps);
    if (sscanf(line, "CapBnd: %llx", &caps) == 1 && caps) escaped("capabilities-bounding:%llx", caps);
    int nnp;
    if (sscanf(line, "NoNewPrivs: %d", &nnp) == 1 && nnp != 1) escaped("new-privileges-allowed");
  }
  if (f) fclose(f);

  if (ptrace(PTRACE_ATTACH, 1, NULL, NULL) == 0) { escaped("ptrace-attach:runner"); ptrace(PTRACE_DETACH, 1, NULL, NULL); }
  if (ptrace(PTRACE_SEIZE, 1, NULL, NULL) == 0) { escaped("ptrace-seize:runner"); ptrace(PTRACE_DETACH, 1, NULL, NULL); }
  char word[8];
  struct iovec local = {word, sizeof word}, remote = {(void *)0x400000, sizeof word};
  if (process_vm_readv(1, &local, 1, &remote, 1, 0) >= 0 || errno == EFAULT) escaped("process_vm_readv:runner");
  const char *runner_files[] = {"/proc/1/mem", "/proc/1/fd/0", "/proc/1/fd/1", "/proc/1/fd/2", "/proc/1/root/etc/hostname", NULL};
  for (int i = 0; runner_files[i]; i++) {
    int fd = open(runner_files[i], i == 2 ? O_WRONLY : O_RDONLY);
    if (fd >= 0) { escaped("opened:%s", runner_files[i]); close(fd); }
  }
  DIR *d = opendir("/proc/1/fd");
  if (d) { escaped("listed:/proc/1/fd"); closedir(d); }

  mkdir("/box/mnt", 0755);
  if (mount("none", "/box/mnt", "tmpfs", 0, NULL) == 0) escaped("mount:tmpfs");
  if (mount("proc", "/box/mnt", "proc", 0, NULL) == 0) escaped("mount:proc");
  if (mount("/box", "/box/mnt", NULL, MS_BIND, NULL) == 0) escaped("mount:bind");
  if (umount2("/proc/sys", MNT_DETACH) == 0) escaped("umount:/proc/sys");
  if (umount2("/box", MNT_DETACH) == 0) escaped("umount:/box");
  if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL) == 0) escaped("remount:/");

  pid_t p = fork();
  if (p == 0) {
    /* in a child: a successful unshare must not change the prober */
    int bad = 0;
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) bad |= 1;
    if (unshare(CLONE_NEWUSER) == 0) bad |= 2;
    if (unshare(CLONE_NEWNS) == 0) bad |= 4;
    if (unshare(CLONE_NEWNET) == 0) bad |= 8;
    if (unshare(CLONE_NEWPID) == 0) bad |= 16;
    if (unshare(CLONE_NEWUTS) == 0) bad |= 32;
    _exit(bad);
  }
  int st = 0;
  waitpid(p, &st, 0);
  if (WIFEXITED(st) && WEXITSTATUS(st)) escaped("unshare-allowed:mask=%d", WEXITSTATUS(st));

  if (setuid(0) == 0) escaped("setuid:0");
  if (setgid(0) == 0) escaped("setgid:0");
  if (setresuid(0, 0, 0) == 0) escaped("setresuid:0");
  if (chroot("/box") == 0) escaped("chroot");
  if (sethostname("pwned", 5) == 0) escaped("sethostname");
  if (mknod("/box/null2", S_IFCHR | 0666, makedev(1, 3)) == 0) escaped("mknod:char-device");
  if (mknod("/box/vda", S_IFBLK | 0666, makedev(253, 0)) == 0) escaped("mknod:block-device");
  int s = socket(AF_PACKET, SOCK_RAW, 0);
  if (s >= 0) { escaped("socket:AF_PACKET"); close(s); }
  s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
  if (s >= 0) { escaped("socket:raw-icmp"); close(s); }
  struct rlimit rl = {1 << 20, 1 << 20};
  if (setrlimit(RLIMIT_NOFILE, &rl) == 0) escaped("raised:RLIMIT_NOFILE");
  int fd = open("/dev/mem", O_RDONLY);
  if (fd >= 0) { escaped("opened:/dev/mem"); close(fd); }
  fd = open("/dev/kmsg", O_RDONLY);
  if (fd >= 0) { escaped("opened:/dev/kmsg"); close(fd); }
  return finish();
}
`);

/**
 * Kernel interfaces that judged code never needs and that most recent local privilege escalations
 * came through (C): io_uring, userfaultfd, bpf, the keyrings, perf_event_open and user namespaces
 * (unshare, clone, clone3). Bastion's seccomp profile refuses every one, under runc and gVisor;
 * threads must still work (glibc makes them with clone3, then clone when clone3 says ENOSYS).
 */
export const KERNEL_SURFACE_C = c(String.raw`#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <sys/syscall.h>

static void refused(const char *what, long r) {
  if (r >= 0) escaped("%s", what);
}
/* a namespace-making call runs in a child, so that one that succeeds does not change the prober */
static long in_child(long nr, unsigned long flags) {
  pid_t p = fork();
  if (p == 0) _exit(syscall(nr, flags) == 0);
  int st = 0;
  waitpid(p, &st, 0);
  return WIFEXITED(st) && WEXITSTATUS(st) ? 0 : -1;
}
static long clone3_user(void) {
  unsigned long long a[8] = {CLONE_NEWUSER, 0, 0, 0, SIGCHLD, 0, 0, 0}; /* struct clone_args */
  long r = syscall(SYS_clone3, a, sizeof a);
  if (r == 0) _exit(0);
  if (r > 0) waitpid(r, NULL, 0);
  return r;
}
static void *thread_main(void *arg) { return arg; }

int main(void) {
  struct io_uring_params up;
  memset(&up, 0, sizeof up);
  refused("io_uring_setup", syscall(SYS_io_uring_setup, 4, &up));
  refused("io_uring_register", syscall(SYS_io_uring_register, 0, 0, NULL, 0));
  refused("userfaultfd", syscall(SYS_userfaultfd, 0));
  union bpf_attr ba;
  memset(&ba, 0, sizeof ba);
  ba.map_type = BPF_MAP_TYPE_ARRAY;
  ba.key_size = ba.value_size = 4;
  ba.max_entries = 1;
  refused("bpf:map_create", syscall(SYS_bpf, BPF_MAP_CREATE, &ba, sizeof ba));
  refused("keyctl", syscall(SYS_keyctl, 0, -3, 1));
  refused("add_key", syscall(SYS_add_key, "user", "bastion", "x", 1, -3));
  refused("request_key", syscall(SYS_request_key, "user", "bastion", NULL, 0));
  struct perf_event_attr pe;
  memset(&pe, 0, sizeof pe);
  pe.type = PERF_TYPE_SOFTWARE;
  pe.size = sizeof pe;
  pe.config = PERF_COUNT_SW_CPU_CLOCK;
  pe.exclude_kernel = 1;
  refused("perf_event_open", syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0));
  refused("unshare:user", in_child(SYS_unshare, CLONE_NEWUSER));
  refused("unshare:user+mount", in_child(SYS_unshare, CLONE_NEWUSER | CLONE_NEWNS));
  long c = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (c == 0) _exit(0);
  if (c > 0) waitpid(c, NULL, 0);
  refused("clone:user", c);
  refused("clone3:user", clone3_user());
  pthread_t t;
  if (pthread_create(&t, NULL, thread_main, NULL) == 0) pthread_join(t, NULL);
  else printf("broken:pthread_create\n");
  return finish();
}
`);

/**
 * kill(-1, SIGKILL) and signals to the runner (C), on a problem with three tests: the runner must
 * survive (the next tests are judged) and the program, which kill(-1) spares, prints `contained`.
 */
export const KILL_ALL_C = c(String.raw`
int main(void) {
  pid_t child = fork();
  if (child == 0) { for (;;) pause(); }
  sleep_ms(50);
  kill(-1, SIGKILL);
  kill(1, SIGKILL);
  kill(1, SIGSTOP);
  kill(1, SIGTERM);
  kill(1, SIGSEGV);
  sleep_ms(100);
  if (kill(child, 0) == 0) {
    int st;
    if (waitpid(child, &st, WNOHANG) == 0) escaped("child-survived-kill(-1)");
  }
  return finish();
}
`);

/**
 * Orphans (C), on a problem with three tests (inputs 1, 2, 3). Test 1 plants processes that try to
 * outlive the program: a session leader ignoring every signal it can, a double-forked sleeper and a
 * pid-hopping fork chain, each writing /box/marker-* after 300 ms. Tests 2 and 3 wait and look: no
 * marker, and no process but PID 1 (the runner) and themselves.
 */
export const ORPHAN_C = c(String.raw`
static void plant(const char *marker, int hop) {
  if (fork() != 0) return;
  setsid();
  for (int s = 1; s < 65; s++) signal(s, SIG_IGN);
  if (fork() != 0) _exit(0);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (;;) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    long ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
    if (ms >= 300) {
      int fd = open(marker, O_WRONLY | O_CREAT, 0644);
      if (fd >= 0) close(fd);
    }
    if (hop) { if (fork() > 0) _exit(0); } /* a new pid every few ms */
    sleep_ms(5);
  }
}

int main(void) {
  int test = 0;
  if (scanf("%d", &test) != 1) return 2;
  if (test == 1) {
    plant("/box/marker-sleeper", 0);
    plant("/box/marker-hopper", 1);
    sleep_ms(20);
    return finish(); /* returns while the orphans live */
  }
  sleep_ms(700);
  const char *markers[] = {"/box/marker-sleeper", "/box/marker-hopper", NULL};
  for (int i = 0; markers[i]; i++)
    if (access(markers[i], F_OK) == 0) escaped("orphan-wrote:%s", markers[i]);
  DIR *d = opendir("/proc");
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (!isdigit((unsigned char)e->d_name[0])) continue;
    int pid = atoi(e->d_name);
    if (pid == 1 || pid == getpid()) continue;
    char path[64], comm[64] = "?";
    snprintf(path, sizeof path, "/proc/%d/comm", pid);
    FILE *f = fopen(path, "r");
    if (f) { if (!fgets(comm, sizeof comm, f)) strcpy(comm, "?"); fclose(f); }
    comm[strcspn(comm, "\n")] = 0;
    escaped("process-survived:%d:%s", pid, comm);
  }
  if (d) closedir(d);
  return finish();
}
`);

/** Orphans (Python): a detached shell from test 1 must not be seen, nor its marker, by tests 2 and 3. */
export const ORPHAN_PY = String.raw`import os, subprocess, sys, time
test = int(sys.stdin.read().split()[0])
if test == 1:
    subprocess.Popen(['sh', '-c', 'trap "" TERM HUP INT; sleep 0.3; : > /box/py-marker; sleep 100'], start_new_session=True)
    print('contained')
    sys.exit(0)
time.sleep(0.7)
found = []
if os.path.exists('/box/py-marker'):
    found.append('escaped:orphan-wrote:/box/py-marker')
for p in os.listdir('/proc'):
    if p.isdigit() and int(p) not in (1, os.getpid()):
        try:
            comm = open('/proc/%s/comm' % p).read().strip()
        except OSError:
            comm = '?'
        found.append('escaped:process-survived:%s:%s' % (p, comm))
print('\n'.join(found) if found else 'contained')
`;

/**
 * Looks for the expected answer of a secret test (C). The token is compiled in reversed and turned
 * around in memory only, so the program's own source and binary do not contain it. Answers never
 * enter the sandbox: the search must come back empty, and so must a search for *.ans files.
 */
export function vaultC(token: string): string {
  const reversed = [...token].reverse().join('');
  return c(String.raw`
static char token[128];
static const char *prune[] = {"/proc", "/sys", NULL};
static int files;

static int contains(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) return 0;
  static char buf[1 << 20];
  size_t tl = strlen(token), keep = 0;
  int hit = 0;
  for (;;) {
    ssize_t r = read(fd, buf + keep, sizeof buf - keep);
    if (r <= 0) break;
    size_t n = keep + (size_t)r;
    if (memmem(buf, n, token, tl)) { hit = 1; break; }
    keep = tl - 1 < n ? tl - 1 : n;
    memmove(buf, buf + n - keep, keep);
  }
  close(fd);
  return hit;
}

/* content: search file contents too; every regular file is name-checked */
static void walk(const char *dir, int content, int depth) {
  for (int i = 0; prune[i]; i++)
    if (strcmp(dir, prune[i]) == 0) return;
  if (depth > 40) return;
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) < 0) continue;
    if (S_ISDIR(st.st_mode)) {
      walk(path, content, depth + 1);
    } else if (S_ISREG(st.st_mode)) {
      files++;
      size_t n = strlen(e->d_name);
      if (n > 4 && strcmp(e->d_name + n - 4, ".ans") == 0) escaped("answer-file:%s", path);
      if (content && st.st_size <= (64 << 20) && contains(path)) escaped("token-in:%s", path);
    }
  }
  closedir(d);
}

int main(void) {
  const char *r = "${reversed}";
  size_t n = strlen(r);
  for (size_t i = 0; i < n; i++) token[i] = r[n - 1 - i];
  /* contents: every place that is not the distribution's own files */
  const char *scratch[] = {"/box", "/tmp", "/dev/shm", "/var", "/home", "/root", "/run", "/srv", "/opt", "/mnt",
                           "/media", "/etc", "/usr/local", "/data", "/judge", "/tests", "/problems", NULL};
  for (int i = 0; scratch[i]; i++) walk(scratch[i], 1, 0);
  /* names: the whole tree */
  walk("/", 0, 0);
  if (files < 100) escaped("search-saw-only-%d-files", files);
  return finish();
}
`);
}

/** Escape probe in Python: network, DNS, environment, PID 1's environ, the engine socket, writes to the root. */
export function escapePy(targets: ReadonlyArray<readonly [string, number]>, tolerated: readonly string[] = []): string {
  return String.raw`import os, socket
found = []
for host, port in ${JSON.stringify(targets)}:
    fam = socket.AF_INET6 if ':' in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(1.5)
    try:
        s.connect((host, port))
        found.append('tcp-connected:%s:%d' % (host, port))
    except socket.timeout:
        found.append('tcp-route-exists:%s:%d' % (host, port))
    except OSError:
        pass
    finally:
        s.close()
try:
    socket.getaddrinfo('deb.debian.org', 80)
    found.append('dns-resolved')
except OSError:
    pass
for k in os.environ:
    if k not in ('PATH', 'HOME', 'TMPDIR', 'LANG'):
        found.append('env:' + k)
try:
    if open('/proc/1/environ', 'rb').read():
        found.append('readable:/proc/1/environ')
except OSError:
    pass
for p in ('/var/run/docker.sock', '/run/docker.sock'):
    if os.path.lexists(p):
        found.append('exists:' + p)
for p in ('/etc/passwd', '/usr/bin/x', '/x'):
    try:
        open(p, 'a').close()
        found.append('writable:' + p)
    except OSError:
        pass
ifaces = [l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:]]
found += ['interface:' + i for i in ifaces if i != 'lo']
found = [f for f in found if f not in ${JSON.stringify(tolerated)}]
print('\n'.join('escaped:' + f for f in found) if found else 'contained')
`;
}

/** Escape probe in JavaScript (Node.js). */
export function escapeJs(targets: ReadonlyArray<readonly [string, number]>, tolerated: readonly string[] = []): string {
  return String.raw`const net = require('net');
const dns = require('dns');
const fs = require('fs');
const found = [];
const targets = ${JSON.stringify(targets)};
const probe = ([host, port]) =>
  new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (what) => { if (what) found.push(what + ':' + host + ':' + port); s.destroy(); resolve(); };
    s.setTimeout(1500, () => done('tcp-route-exists'));
    s.on('connect', () => done('tcp-connected'));
    s.on('error', () => done(null));
  });
(async () => {
  for (const t of targets) await probe(t);
  await new Promise((resolve) => dns.lookup('deb.debian.org', (err) => { if (!err) found.push('dns-resolved'); resolve(); }));
  for (const k of Object.keys(process.env)) if (!['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(k)) found.push('env:' + k);
  try { if (fs.readFileSync('/proc/1/environ').length) found.push('readable:/proc/1/environ'); } catch {}
  for (const p of ['/var/run/docker.sock', '/run/docker.sock']) { try { fs.lstatSync(p); found.push('exists:' + p); } catch {} }
  for (const p of ['/etc/passwd', '/usr/bin/x', '/x']) { try { fs.appendFileSync(p, ''); found.push('writable:' + p); } catch {} }
  const ifaces = Object.keys(require('os').networkInterfaces()).filter((i) => i !== 'lo');
  for (const i of ifaces) found.push('interface:' + i);
  const tolerated = ${JSON.stringify(tolerated)};
  found.splice(0, found.length, ...found.filter((f) => !tolerated.includes(f)));
  console.log(found.length ? found.map((f) => 'escaped:' + f).join('\n') : 'contained');
})();
`;
}

/** Escape probe in Java. */
export function escapeJava(
  targets: ReadonlyArray<readonly [string, number]>,
  tolerated: readonly string[] = [],
): string {
  const list = targets.map(([h, p]) => `{"${h}", "${p}"}`).join(', ');
  return String.raw`import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;

public class Main {
  public static void main(String[] args) throws Exception {
    List<String> found = new ArrayList<>();
    String[][] targets = { ${list} };
    for (String[] t : targets) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(t[0], Integer.parseInt(t[1])), 1500);
        found.add("tcp-connected:" + t[0] + ":" + t[1]);
      } catch (SocketTimeoutException e) {
        found.add("tcp-route-exists:" + t[0] + ":" + t[1]);
      } catch (IOException e) {
        // refused or unreachable: contained
      }
    }
    try {
      InetAddress.getByName("deb.debian.org");
      found.add("dns-resolved");
    } catch (IOException e) {
    }
    for (String k : System.getenv().keySet())
      if (!Arrays.asList("PATH", "HOME", "TMPDIR", "LANG").contains(k)) found.add("env:" + k);
    try {
      if (Files.readAllBytes(Paths.get("/proc/1/environ")).length > 0) found.add("readable:/proc/1/environ");
    } catch (IOException e) {
    }
    for (String p : new String[] {"/var/run/docker.sock", "/run/docker.sock"})
      if (Files.exists(Paths.get(p), LinkOption.NOFOLLOW_LINKS)) found.add("exists:" + p);
    for (String p : new String[] {"/etc/passwd", "/usr/bin/x", "/x"}) {
      try (FileOutputStream o = new FileOutputStream(p, true)) {
        found.add("writable:" + p);
      } catch (IOException e) {
      }
    }
    for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces()))
      if (!n.getName().equals("lo")) found.add("interface:" + n.getName());
    found.removeAll(Arrays.asList(new String[] { ${tolerated.map((t) => JSON.stringify(t)).join(', ')} }));
    StringBuilder out = new StringBuilder();
    for (String f : found) out.append("escaped:").append(f).append('\n');
    System.out.print(found.isEmpty() ? "contained\n" : out.toString());
  }
}
`;
}

// ----------------------------------------------------------------------------------- bombs --

/** Resource bombs for the small A+B problem (1 s, 64 MiB, 1 MiB of output): verdicts it may get. */
/**
 * Bombs: each must be judged one of `verdicts`, or under gVisor one of `gvisor` where given (its
 * system calls cost more: the runtime decides which limit a program meets first).
 */
export const BOMBS: Record<string, { language: string; source: string; verdicts: string[]; gvisor?: string[] }> = {
  'C fork bomb': {
    language: 'c',
    source: '#define _GNU_SOURCE\n#include <unistd.h>\nint main(void){ for(;;) fork(); }\n',
    verdicts: ['TLE', 'RE', 'MLE'],
  },
  'Python fork bomb': {
    language: 'python',
    source: 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n',
    verdicts: ['TLE', 'RE', 'MLE'],
  },
  'Java thread bomb': {
    language: 'java',
    source: String.raw`public class Main {
  public static void main(String[] args) {
    while (true) {
      try {
        Thread t = new Thread(() -> { while (true) { try { Thread.sleep(100000); } catch (InterruptedException e) { } } });
        t.setDaemon(false);
        t.start();
      } catch (Throwable e) {
        // out of threads: keep trying
      }
    }
  }
}
`,
    // The JVM warns on stderr for every thread it fails to start; that flood may hit the output cap first.
    verdicts: ['TLE', 'RE', 'MLE', 'OLE'],
  },
  'C++ thread bomb': {
    language: 'cpp',
    source: String.raw`#include <thread>
#include <vector>
#include <chrono>
int main() {
  std::vector<std::thread> threads;
  for (;;) {
    try {
      threads.emplace_back([] { for (;;) std::this_thread::sleep_for(std::chrono::seconds(1)); });
    } catch (...) {
    }
  }
}
`,
    verdicts: ['TLE', 'RE', 'MLE'],
  },
  'C memory bomb (malloc and touch)': {
    language: 'c',
    source:
      '#include <stdlib.h>\n#include <string.h>\nint main(void){ for(;;){ char *p = malloc(1 << 20); if (!p) return 3; memset(p, 1, 1 << 20); } }\n',
    verdicts: ['MLE'],
  },
  'Python memory bomb (list growth)': {
    language: 'python',
    source: 'a = []\nwhile True:\n    a.append(bytearray(1 << 20))\n',
    verdicts: ['MLE'],
  },
  'Java memory bomb (array allocation)': {
    language: 'java',
    source: String.raw`import java.util.*;
public class Main {
  public static void main(String[] args) {
    List<long[]> keep = new ArrayList<>();
    while (true) keep.add(new long[1 << 17]);
  }
}
`,
    verdicts: ['MLE'],
  },
  'C memory grabbed in one system call (3 GiB, MAP_POPULATE)': {
    language: 'c',
    // committed before the runner's next look: the OOM killer ends the program (runc) or, under
    // gVisor, the whole sandbox
    source:
      '#include <sys/mman.h>\nint main(void){ void *p = mmap(0, 3UL << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0); return p == MAP_FAILED; }\n',
    verdicts: ['MLE'],
  },
  'C CPU spin': {
    language: 'c',
    source: 'int main(void){ volatile unsigned long x = 0; for(;;) x++; }\n',
    verdicts: ['TLE'],
  },
  'C sleep(60) (wall clock)': {
    language: 'c',
    source: '#define _GNU_SOURCE\n#include <unistd.h>\nint main(void){ sleep(60); return 0; }\n',
    verdicts: ['TLE'],
  },
  'Python sleep(60) (wall clock)': {
    language: 'python',
    source: 'import time\ntime.sleep(60)\n',
    verdicts: ['TLE'],
  },
  'C stdout flood': {
    language: 'c',
    source:
      '#include <stdio.h>\nint main(void){ for(;;) fputs("floodfloodfloodfloodfloodfloodfloodfloodfloodfloodfloodflood\\n", stdout); }\n',
    verdicts: ['OLE'],
  },
  'C stderr flood': {
    language: 'c',
    source:
      '#include <stdio.h>\nint main(void){ for(;;) fputs("floodfloodfloodfloodfloodfloodfloodfloodfloodfloodfloodflood\\n", stderr); }\n',
    verdicts: ['OLE'],
    // stderr is unbuffered: a write per 61 bytes. Under gVisor 1 MiB that way took 3 s of CPU
    // (0.1 s under runc), so the time limit may come first (seen in CI: one test TLE, one OLE).
    gvisor: ['OLE', 'TLE'],
  },
  'Python stdout flood': {
    language: 'python',
    source: 'import sys\nwhile True:\n    sys.stdout.write("x" * 65536)\n',
    verdicts: ['OLE'],
  },
  'JavaScript stderr flood': {
    language: 'javascript',
    // fs.writeSync blocks on a full pipe; process.stderr.write would queue in memory instead (then MLE)
    source: "const fs = require('fs');\nconst s = 'x'.repeat(65536);\nfor (;;) fs.writeSync(2, s);\n",
    verdicts: ['OLE'],
  },
};

/** Compile bombs: each must end as CE, well within the compile limits, not hang the worker. */
export const COMPILE_BOMBS: Record<string, { language: string; source: string }> = {
  'C #include "/dev/zero"': { language: 'c', source: '#include "/dev/zero"\nint main(void){ return 0; }\n' },
  'C #include "/dev/urandom"': { language: 'c', source: '#include "/dev/urandom"\nint main(void){ return 0; }\n' },
  'C++ template recursion': {
    language: 'cpp',
    source: String.raw`template <int N, int M> struct A { static const int v = A<N - 1, M>::v + A<N, M - 1>::v; };
template <int M> struct A<0, M> { static const int v = 1; };
template <int N> struct A<N, 0> { static const int v = 1; };
int main() { return A<5000, 5000>::v; }
`,
  },
  'C exponential macro expansion': {
    language: 'c',
    source:
      '#define A0 x\n' +
      Array.from({ length: 40 }, (_, i) => `#define A${i + 1} A${i} A${i}\n`).join('') +
      'int A40;\nint main(void){ return 0; }\n',
  },
  'C compiler error flood': {
    language: 'c',
    source:
      '#define E1 ;x y z;\n#define E2 E1 E1 E1 E1 E1 E1 E1 E1\n#define E3 E2 E2 E2 E2 E2 E2 E2 E2\n#define E4 E3 E3 E3 E3 E3 E3 E3 E3\n#define E5 E4 E4 E4 E4 E4 E4 E4 E4\nE5 E5 E5 E5\nint main(void){ return 0; }\n',
  },
};

// ------------------------------------------------------------- state left behind for the next test --

/**
 * Programs for the three-test problem whose answers are all `contained`: each leaves something
 * behind in the sandbox (files, inodes, shared memory) or makes the runner look like the best
 * victim for the OOM killer. Whatever they do, the judge must give every test a verdict (no IE).
 */
export const LEFTOVERS: Record<string, { language: string; source: string }> = {
  'disk fill of /box, /tmp and /dev/shm (write until error)': {
    language: 'c',
    source: c(String.raw`
static void fill(const char *dir) {
  static char buf[1 << 16];
  memset(buf, 'x', sizeof buf);
  for (int k = 0; k < 64; k++) {
    char path[128];
    snprintf(path, sizeof path, "%s/fill-%d-%d", dir, getpid(), k);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    long f = 0;
    for (;;) {
      ssize_t w = write(fd, buf, sizeof buf);
      if (w <= 0) { close(fd); if (errno == EFBIG) break; return; }
      if ((f += w) >= (32L << 20)) break;
    }
    close(fd);
  }
}
int main(void) {
  signal(SIGXFSZ, SIG_IGN);
  fill("/box");
  fill("/tmp");
  fill("/dev/shm");
  return finish();
}
`),
  },
  'inode fill of /box (empty files until error)': {
    language: 'c',
    // Empty files cost no tmpfs blocks but about 1 KiB of kernel memory each, charged to the
    // container; they stay after the program is killed (only /tmp and /dev/shm are cleaned).
    source: c(String.raw`
int main(void) {
  char path[64];
  int pid = getpid();
  for (long n = 0;; n++) {
    snprintf(path, sizeof path, "/box/%x-%lx", pid, n);
    if (mknod(path, S_IFREG | 0600, 0) < 0) break;
  }
  return finish();
}
`),
  },
  'SysV shared memory left behind': {
    language: 'c',
    source: c(String.raw`
int main(void) {
  for (int k = 0; k < 16; k++) {
    int id = shmget(IPC_PRIVATE, 32 << 20, IPC_CREAT | 0600);
    if (id < 0) break;
    char *p = shmat(id, NULL, 0);
    if (p == (void *)-1) break;
    memset(p, 1, 32 << 20);
    shmdt(p);
  }
  return finish();
}
`),
  },
  'runner as the OOM victim (6 MiB of output, then tmpfs fill)': {
    language: 'c',
    source: c(String.raw`
static char buf[1 << 16];
int main(void) {
  signal(SIGXFSZ, SIG_IGN);
  memset(buf, ' ', sizeof buf);
  buf[0] = 'c';
  /* 6 MiB of output (under the 8 MiB limit) grows the runner's buffer: the runner is now the biggest process */
  for (int i = 0; i < 96; i++) write(1, buf, sizeof buf);
  memset(buf, 'x', sizeof buf);
  const char *dirs[] = {"/tmp", "/box", "/dev/shm"};
  for (int d = 0; d < 3; d++)
    for (int k = 0; k < 64; k++) {
      char path[128];
      snprintf(path, sizeof path, "%s/f%d-%d", dirs[d], getpid(), k);
      int fd = open(path, O_WRONLY | O_CREAT, 0600);
      if (fd < 0) break;
      int ok = 1;
      for (int j = 0; j < 512 && ok; j++) ok = write(fd, buf, sizeof buf) > 0;
      close(fd);
      if (!ok) break;
    }
  return 0;
}
`),
  },
};

/**
 * The same, but the program first lowers its own oom_score_adj back to 0 (an unprivileged process
 * may, down to the runner's value), so the runner and its 6 MiB output buffer are again the OOM
 * killer's best victim.
 */
LEFTOVERS['runner as the OOM victim, after lowering its own oom_score_adj'] = {
  language: 'c',
  source: LEFTOVERS['runner as the OOM victim (6 MiB of output, then tmpfs fill)'].source.replace(
    '  signal(SIGXFSZ, SIG_IGN);\n',
    '  signal(SIGXFSZ, SIG_IGN);\n  int adj = open("/proc/self/oom_score_adj", O_WRONLY);\n  if (adj >= 0) { if (write(adj, "0", 1) < 0) {} close(adj); }\n',
  ),
};

/** Dies of SIGKILL (not of memory) after a compile that needs far more memory than the program may use. */
export const SIGKILL_AFTER_BIG_COMPILE_CPP = String.raw`#include <bits/stdc++.h>
#include <csignal>
int main() {
  std::map<int, std::string> m;
  m[1] = "x";
  std::raise(SIGKILL);
}
`;

/**
 * SIGKILL to the runner, then `alive`: under runc the kernel shields the runner (PID 1 of its
 * namespace) and the program goes on; gVisor lets the signal through and the sandbox ends.
 */
export const KILL_RUNNER_C =
  '#include <signal.h>\n#include <stdio.h>\n#include <unistd.h>\nint main(void){ kill(1, SIGKILL); usleep(200000); puts("alive"); return 0; }\n';
