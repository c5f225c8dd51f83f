/*
 * bastion-runner: PID 1 of a Bastion judge container.
 *
 * Reads commands on stdin, answers on stdout (nothing else is ever written to
 * stdout).  Protocol (all numbers decimal ASCII, lines end with "\n"):
 *
 *   FILE <relpath> <mode-octal> <size>\n<size bytes>      -> OK | ERR <msg>
 *   RUN <cpu_ms> <wall_ms> <out_cap> <stdin_size> <argv_size> [<mem_limit_kb>]\n
 *       <stdin_size bytes><argv_size bytes: NUL-terminated strings>
 *     -> RESULT <status> <exit> <signal> <cpu_ms> <wall_ms> <mem_kb> <out_len> <err_len>\n
 *        <stdout bytes><stderr bytes>
 *   PING\n                                                -> PONG
 *   END\n  (session mode only)                            -> BYE, exit 0
 *   EOF                                                   -> exit 0 (session mode: exit 3)
 *   anything malformed                                    -> ERR <msg>, exit 2
 *
 * Modes:
 *   bastion-runner              one container per submission: this process serves the commands.
 *   bastion-runner --sessions B T S
 *                               a long-lived container: PID 1 only supervises. For each submission
 *                               it starts a session, `bwrap ... bastion-runner --session`, which
 *                               serves the commands in fresh user, pid, mount, ipc, uts, net and
 *                               cgroup namespaces with fresh tmpfs /box, /tmp and /dev/shm (B, T
 *                               and S MiB), and ends on END; then the next session starts. Any
 *                               other end of a session ends the container (exit 0 if the command
 *                               stream closed, else the session's status).
 *   bastion-runner --session    the runner inside a session: as the first mode, plus END, and a
 *                               seccomp filter on every program it starts that refuses what the
 *                               container's profile allows only so that bwrap can build the session
 *                               (namespaces, mounts).
 *
 * C17, libc only.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>

#define BOX_DIR "/box"
#define MAX_LINE 8192
#define MAX_ARGV_BYTES (4u << 20) /* 4 MiB of argv is plenty */
#define POLL_MS 10
#define DRAIN_MS 500
#define KILL_ALL_MS 5000

extern char **environ;

/* Session mode (--session): END ends the process, and stdin's end exits SESSION_STREAM_CLOSED. */
static int in_session = 0;
#define SESSION_STREAM_CLOSED 3
#define eof_exit() _exit(in_session ? SESSION_STREAM_CLOSED : 0)

static char *child_env[] = {
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME=/box",
    "TMPDIR=/tmp",
    "LANG=C.UTF-8",
    NULL,
};

/* ------------------------------------------------------------------ I/O -- */

static unsigned char inbuf[65536];
static size_t in_pos, in_len;
static int in_eof;

/* Refill the input buffer; returns bytes available (0 on EOF/error). */
static size_t in_fill(void) {
    if (in_pos < in_len) return in_len - in_pos;
    if (in_eof) return 0;
    for (;;) {
        ssize_t r = read(0, inbuf, sizeof inbuf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { in_eof = 1; in_pos = in_len = 0; return 0; }
        in_pos = 0;
        in_len = (size_t)r;
        return in_len;
    }
}

/* Read one line (without the "\n").  Returns 1 ok, 0 clean EOF before any
 * byte, -1 line too long or EOF in the middle of a line. */
static int read_line(char *buf, size_t cap) {
    size_t n = 0;
    for (;;) {
        if (in_fill() == 0) return n == 0 ? 0 : -1;
        unsigned char *start = inbuf + in_pos;
        size_t avail = in_len - in_pos;
        unsigned char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        if (n + take >= cap) return -1;
        memcpy(buf + n, start, take);
        n += take;
        if (nl) {
            in_pos += take + 1;
            buf[n] = 0;
            return 1;
        }
        in_pos += take;
    }
}

static int write_all(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) { struct pollfd pf = {fd, POLLOUT, 0}; poll(&pf, 1, 100); continue; }
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Move exactly n bytes of input into fd (fd < 0: discard).  Returns 0 on
 * success, -1 if input ended early (fatal), and sets *werr to the first
 * write errno (the bytes are still consumed to keep the stream in sync). */
static int copy_input(uint64_t n, int fd, int *werr) {
    while (n > 0) {
        size_t avail = in_fill();
        if (avail == 0) return -1;
        size_t take = avail < n ? avail : (size_t)n;
        if (fd >= 0 && *werr == 0 && write_all(fd, inbuf + in_pos, take) < 0) *werr = errno ? errno : EIO;
        in_pos += take;
        n -= take;
    }
    return 0;
}

static int read_input(void *dst, size_t n) {
    unsigned char *d = dst;
    while (n > 0) {
        size_t avail = in_fill();
        if (avail == 0) return -1;
        size_t take = avail < n ? avail : n;
        memcpy(d, inbuf + in_pos, take);
        in_pos += take;
        d += take;
        n -= take;
    }
    return 0;
}

static void reply(const char *fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n > sizeof buf - 2) n = sizeof buf - 2;
    /* one line only */
    for (int i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\r') buf[i] = ' ';
    buf[n++] = '\n';
    if (write_all(1, buf, (size_t)n) < 0) _exit(3);
}

static _Noreturn void fatal_protocol(const char *msg) {
    reply("ERR %s", msg);
    _exit(2);
}

/* ------------------------------------------------------------- helpers -- */

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SIGCHLD wakes the run loop through this pipe (the self-pipe trick): the loop learns at once
 * that the program ended, instead of at its next poll timeout. */
static int chld_pipe[2] = {-1, -1};

static void on_sigchld(int sig) {
    (void)sig;
    int saved = errno;
    if (chld_pipe[1] >= 0) { ssize_t w = write(chld_pipe[1], "c", 1); (void)w; }
    errno = saved;
}

static void drain_chld_pipe(void) {
    char buf[64];
    while (chld_pipe[0] >= 0 && read(chld_pipe[0], buf, sizeof buf) > 0) {}
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {}
}

/* strict unsigned decimal */
static int parse_u64(const char *s, uint64_t *out) {
    if (!*s || strlen(s) > 18) return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 0;
}

static int split(char *line, char **tok, int max) {
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (n == max) return -1;
        tok[n++] = t;
    }
    return n;
}

/* Read a whole small file into buf; returns length or -1. */
static ssize_t slurp(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t n = 0;
    while (n + 1 < cap) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = 0;
    return (ssize_t)n;
}

/* Find "key value" in a flat keyed file, -1 if absent. */
static long long keyed_value(const char *path, const char *key) {
    char buf[4096];
    if (slurp(path, buf, sizeof buf) < 0) return -1;
    size_t kl = strlen(key);
    for (char *p = buf; p && *p; ) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ' ') return atoll(p + kl + 1);
        p = strchr(p, '\n');
        if (p) p++;
    }
    return -1;
}

static long long number_file(const char *path) {
    char buf[64];
    if (slurp(path, buf, sizeof buf) <= 0) return -1;
    if (strncmp(buf, "max", 3) == 0) return -1;
    return atoll(buf);
}

static long long oom_kill_count(void) {
    long long v = keyed_value("/sys/fs/cgroup/memory.events", "oom_kill");
    if (v >= 0) return v;
    return keyed_value("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill");
}

/* 1 when the container's memory peak has reached (almost) its limit. */
static int memory_at_limit(void) {
    long long lim = number_file("/sys/fs/cgroup/memory.max");
    long long peak = -1;
    if (lim > 0) {
        peak = number_file("/sys/fs/cgroup/memory.peak");
        if (peak < 0) peak = number_file("/sys/fs/cgroup/memory.current");
    } else {
        lim = number_file("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        if (lim > 0 && lim < (1LL << 60)) peak = number_file("/sys/fs/cgroup/memory/memory.max_usage_in_bytes");
        else lim = -1;
    }
    if (lim <= 0 || peak < 0) return 0;
    return peak >= lim - (lim / 50 > (4LL << 20) ? (4LL << 20) : lim / 50);
}

/* CPU ticks (utime+stime+cutime+cstime) of every process but us; their summed
 * resident memory in KiB goes to *rss_kb. */
static long page_kb;
static long long tree_cpu_ticks(long long *rss_kb) {
    *rss_kb = 0;
    DIR *d = opendir("/proc");
    if (!d) return 0;
    long long total = 0;
    pid_t self = getpid();
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0])) continue;
        long pid = strtol(e->d_name, NULL, 10);
        if (pid <= 1 || pid == self) continue;
        char path[64], buf[1024];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        if (slurp(path, buf, sizeof buf) <= 0) continue;
        char *p = strrchr(buf, ')');
        if (!p) continue;
        /* after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt
         * majflt cmajflt utime(14) stime cutime cstime: field N is f[N-3] */
        p++;
        long long f[24];
        int nf = 0;
        char *save = NULL;
        for (char *t = strtok_r(p, " ", &save); t && nf < 22; t = strtok_r(NULL, " ", &save))
            f[nf++] = atoll(t);
        if (nf >= 15) total += f[11] + f[12] + f[13] + f[14];
        if (nf >= 22 && f[21] > 0) *rss_kb += f[21] * page_kb; /* field 24: rss in pages */
    }
    closedir(d);
    return total;
}

static long long rusage_ms(const struct rusage *ru) {
    return (long long)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000 +
           (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

/* Kill everything but ourselves and reap until nothing is left (bounded). */
static void kill_all_and_reap(pid_t child, int *child_done, int *child_status, struct rusage *child_ru) {
    int64_t deadline = now_ms() + KILL_ALL_MS;
    for (;;) {
        int kr = kill(-1, SIGKILL);
        int kerr = errno;
        int none_left = 0;
        for (;;) {
            int st;
            struct rusage ru;
            pid_t r = wait4(-1, &st, WNOHANG, &ru);
            if (r > 0) {
                if (r == child && !*child_done) { *child_done = 1; *child_status = st; *child_ru = ru; }
                continue;
            }
            if (r < 0 && errno == EINTR) continue;
            if (r < 0 && errno == ECHILD) none_left = 1;
            break;
        }
        if (kr < 0 && kerr == ESRCH && none_left) return;
        if (now_ms() > deadline) return;
        sleep_ms(1);
    }
}

/* ------------------------------------------------------------ scratch --- */

#define WIPE_MAX_DEPTH 48
#define WIPE_MS 3000

/* Remove everything inside the directory dfd, best effort: depth-limited (a hostile tree cannot
 * exhaust our fds or stack) and time-limited.  Nothing else runs while we do this. */
static void wipe_dir(int dfd, int depth, int64_t deadline) {
    for (int pass = 0; pass < 4 && now_ms() < deadline; pass++) {
        int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return;
        DIR *d = fdopendir(fd);
        if (!d) { close(fd); return; }
        int left = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL && now_ms() < deadline) {
            const char *n = e->d_name;
            if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0) continue;
            if (unlinkat(dfd, n, 0) == 0) continue;
            if (errno != EISDIR && errno != EPERM) { left = 1; continue; }
            if (depth < WIPE_MAX_DEPTH) {
                fchmodat(dfd, n, 0700, 0); /* a directory (unlink said so): make it searchable */
                int sub = openat(dfd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0) { wipe_dir(sub, depth + 1, deadline); close(sub); }
            }
            if (unlinkat(dfd, n, AT_REMOVEDIR) != 0) left = 1;
        }
        closedir(d);
        if (!left) return;
    }
}

/* Remove every SysV IPC object listed in /proc/sysvipc/<kind> (the id is the second column). */
static void remove_ipc(const char *kind) {
    char path[64], buf[65536];
    snprintf(path, sizeof path, "/proc/sysvipc/%s", kind);
    if (slurp(path, buf, sizeof buf) <= 0) return;
    char *line = strchr(buf, '\n'); /* skip the header */
    while (line && *++line) {
        long long key, id;
        if (sscanf(line, "%lld %lld", &key, &id) == 2) {
            if (kind[1] == 'h') shmctl((int)id, IPC_RMID, NULL);
            else if (kind[1] == 'e') semctl((int)id, 0, IPC_RMID);
            else msgctl((int)id, IPC_RMID, NULL);
        }
        line = strchr(line, '\n');
    }
}

/* After a run (everything killed): drop what the program left in /tmp, /dev/shm and SysV IPC.
 * Those outlive the program, are charged to the container's memory, and would otherwise starve
 * the next run and the runner itself (which the OOM killer then takes: the sandbox dies). */
static void clean_scratch(void) {
    int64_t deadline = now_ms() + WIPE_MS;
    const char *dirs[] = {"/tmp", "/dev/shm"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        int fd = open(dirs[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) { wipe_dir(fd, 0, deadline); close(fd); }
    }
    remove_ipc("shm");
    remove_ipc("sem");
    remove_ipc("msg");
}

/* -------------------------------------------------------------- FILE ---- */

static int safe_relpath(const char *p) {
    if (!*p || p[0] == '/') return 0;
    const char *s = p;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 2 && s[0] == '.' && s[1] == '.') return 0;
        if (!e) break;
        s = e + 1;
    }
    if (p[strlen(p) - 1] == '/') return 0;
    return 1;
}

static void cmd_file(char *args) {
    /* relpath may contain spaces: mode and size are the last two tokens */
    char full[PATH_MAX];
    full[0] = 0;
    char *sp2 = strrchr(args, ' ');
    if (!sp2) fatal_protocol("FILE: expected <relpath> <mode> <size>");
    *sp2 = 0;
    char *sp1 = strrchr(args, ' ');
    if (!sp1) fatal_protocol("FILE: expected <relpath> <mode> <size>");
    *sp1 = 0;
    const char *path = args, *mode_s = sp1 + 1, *size_s = sp2 + 1;
    uint64_t size;
    if (parse_u64(size_s, &size) < 0) fatal_protocol("FILE: bad size");
    if (!*mode_s || strlen(mode_s) > 6 || strspn(mode_s, "01234567") != strlen(mode_s))
        fatal_protocol("FILE: bad mode");
    mode_t mode = (mode_t)(strtol(mode_s, NULL, 8) & 07777) & ~(mode_t)(S_ISUID | S_ISGID);

    const char *err = NULL;
    int werr = 0, fd = -1;
    if (!safe_relpath(path)) {
        err = "path must be relative and must not contain ..";
    } else {
        /* create parent directories */
        char tmp[PATH_MAX];
        int n = snprintf(tmp, sizeof tmp, "%s/%s", BOX_DIR, path);
        if (n < 0 || (size_t)n >= sizeof tmp) {
            err = "path too long";
        } else {
            for (char *s = tmp + strlen(BOX_DIR) + 1; (s = strchr(s, '/')) != NULL; s++) {
                *s = 0;
                if (mkdir(tmp, 0755) < 0 && errno != EEXIST) { werr = errno; *s = '/'; break; }
                *s = '/';
            }
            if (!werr) {
                memcpy(full, tmp, (size_t)n + 1);
                fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
                if (fd < 0) werr = errno;
            }
        }
    }
    if (copy_input(size, fd, &werr) < 0) eof_exit(); /* input ended: nothing to answer */
    if (fd >= 0) {
        if (!werr && fchmod(fd, mode) < 0) werr = errno;
        if (close(fd) < 0 && !werr) werr = errno;
        if (werr) unlink(full); /* no half-written files */
    }
    if (err) reply("ERR %s", err);
    else if (werr) reply("ERR %s: %s", path, strerror(werr));
    else reply("OK");
}

/* --------------------------------------------------------------- RUN ---- */

struct outbuf {
    char *p;
    size_t len, cap;
};

static int ob_append(struct outbuf *b, const char *d, size_t n) {
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) return -1;
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
    return 0;
}

static void send_result(const char *status, int code, int sig, long long cpu, long long wall, long long mem,
                        struct outbuf *o, struct outbuf *e) {
    char hdr[256];
    int n = snprintf(hdr, sizeof hdr, "RESULT %s %d %d %lld %lld %lld %zu %zu\n", status, code, sig, cpu, wall,
                     mem, o->len, e->len);
    if (write_all(1, hdr, (size_t)n) < 0 || write_all(1, o->p, o->len) < 0 || write_all(1, e->p, e->len) < 0)
        _exit(3);
}

static void run_error(struct outbuf *o, struct outbuf *e, const char *what, int err) {
    char msg[512];
    int n = snprintf(msg, sizeof msg, "bastion-runner: %s: %s\n", what, strerror(err));
    o->len = 0;
    e->len = 0;
    ob_append(e, msg, (size_t)n);
    send_result("ERR", -1, 0, 0, 0, 0, o, e);
}

/* ------------------------------------------------------------ sessions -- */

#if defined(__x86_64__)
#define SESSION_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SESSION_ARCH AUDIT_ARCH_AARCH64
#endif
/* CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET */
#define NAMESPACE_FLAGS 0x7e020000u

/* In a session the container's seccomp profile also allows what bwrap needed to build it: new
 * namespaces (unshare, clone with namespace flags), mount, umount2, pivot_root, sethostname. This
 * filter, stacked on the profile for every program the session runs, refuses exactly those (EPERM),
 * so a judged program gets the profile of a container without sessions. */
static int session_filter(void) {
#ifdef SESSION_ARCH
#define DENY_NR(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SESSION_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        /* x32 system calls (x86_64 numbers with bit 30 set): the profile refuses them too */
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        DENY_NR(__NR_unshare),
        DENY_NR(__NR_setns),
        DENY_NR(__NR_mount),
        DENY_NR(__NR_umount2),
        DENY_NR(__NR_pivot_root),
        DENY_NR(__NR_sethostname),
        DENY_NR(__NR_setdomainname),
        /* clone: no namespace flag (first argument, low 32 bits) */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NAMESPACE_FLAGS, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
#undef DENY_NR
    struct sock_fprog prog = {(unsigned short)(sizeof f / sizeof f[0]), f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/* Appends to a NULL-terminated argv under construction. */
static void push(char **v, int *n, int cap, const char *a) {
    if (*n + 1 >= cap) { dprintf(2, "bastion-runner: too many bwrap arguments\n"); exit(2); }
    v[(*n)++] = (char *)a;
    v[*n] = NULL;
}

static int exists(const char *p) { struct stat st; return lstat(p, &st) == 0; }

/* PID 1 of a long-lived container (--sessions B T S): runs one session at a time (see the top). */
static int supervise(int argc, char **argv) {
    if (argc != 3) { dprintf(2, "bastion-runner: --sessions needs the /box, /tmp and /dev/shm sizes in MiB\n"); return 2; }
    static char sizes[3][32];
    for (int i = 0; i < 3; i++) {
        uint64_t mb;
        if (parse_u64(argv[i], &mb) < 0 || mb == 0 || mb > (1u << 20)) { dprintf(2, "bastion-runner: bad size %s\n", argv[i]); return 2; }
        snprintf(sizes[i], sizeof sizes[i], "%llu", (unsigned long long)(mb << 20));
    }
    char *v[128];
    int n = 0;
    const int cap = (int)(sizeof v / sizeof v[0]);
    const char *fixed[] = {
        "/usr/bin/bwrap", "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net",
        "--unshare-cgroup-try", "--disable-userns", "--as-pid-1", "--die-with-parent", "--hostname", "sandbox",
        "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
        "--size", sizes[0], "--perms", "0755", "--tmpfs", BOX_DIR,
        "--size", sizes[1], "--perms", "1777", "--tmpfs", "/tmp",
        "--size", sizes[2], "--perms", "1777", "--tmpfs", "/dev/shm",
        /* bwrap's /dev is a tmpfs of the session's user: read-only, as Docker's is to a non-root user */
        "--remount-ro", "/dev",
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) push(v, &n, cap, fixed[i]);
    /* What Docker masks in a container's /proc and /sys, masked again over the session's fresh /proc
     * (the container runs with systempaths=unconfined so that bwrap may mount one): */
    const char *files[] = {"/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                           "/proc/timer_stats", "/proc/sched_debug", "/proc/sysrq-trigger"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (exists(files[i])) { push(v, &n, cap, "--ro-bind"); push(v, &n, cap, "/dev/null"); push(v, &n, cap, files[i]); }
    const char *dirs[] = {"/proc/acpi", "/proc/asound", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if (exists(dirs[i])) {
            push(v, &n, cap, "--size"); push(v, &n, cap, "4096");
            push(v, &n, cap, "--tmpfs"); push(v, &n, cap, dirs[i]);
            push(v, &n, cap, "--remount-ro"); push(v, &n, cap, dirs[i]);
        }
    /* …and read-only: the container's own views of these (the same kernel's) */
    const char *ro[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys"};
    for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++)
        if (exists(ro[i])) { push(v, &n, cap, "--ro-bind"); push(v, &n, cap, ro[i]); push(v, &n, cap, ro[i]); }
    const char *tail[] = {"--chdir", BOX_DIR, "--", "/usr/local/bin/bastion-runner", "--session"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) push(v, &n, cap, tail[i]);

    signal(SIGCHLD, SIG_DFL);
    for (;;) {
        pid_t pid = fork();
        if (pid < 0) { dprintf(2, "bastion-runner: fork: %s\n", strerror(errno)); return 2; }
        if (pid == 0) {
            execv(v[0], v);
            dprintf(2, "bastion-runner: exec %s: %s\n", v[0], strerror(errno));
            _exit(127);
        }
        int st = 0;
        for (;;) {
            pid_t w = waitpid(-1, &st, 0);
            if (w == pid) break;
            if (w < 0 && errno != EINTR) { dprintf(2, "bastion-runner: wait: %s\n", strerror(errno)); return 2; }
        }
        /* bwrap's exit status is the session runner's (128 + n for a signal) */
        int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (code == 0) continue; /* END: the next session */
        if (code == SESSION_STREAM_CLOSED) return 0;
        dprintf(2, "bastion-runner: session ended with status %d\n", code);
        return code;
    }
}

static _Noreturn void child_exec(int in_fd, int out_w, int err_w, char **argv, uint64_t cpu_ms) {
    /* dup2 onto 0/1/2 (careful if any of them already is 0..2) */
    int fds[3] = {in_fd, out_w, err_w};
    for (int i = 0; i < 3; i++) {
        if (fds[i] < 3) {
            int nfd = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
            if (nfd < 0) _exit(127);
            fds[i] = nfd;
        }
    }
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0) _exit(127);
    setsid();
    /* close every fd > 2 */
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0)
#endif
    {
        struct rlimit nl;
        long maxfd = 4096;
        if (getrlimit(RLIMIT_NOFILE, &nl) == 0 && nl.rlim_cur != RLIM_INFINITY && nl.rlim_cur < 1048576)
            maxfd = (long)nl.rlim_cur;
        for (long fd = 3; fd < maxfd; fd++) close((int)fd);
    }
    /* default signal dispositions and an empty mask */
    for (int s = 1; s < NSIG; s++) signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* Let the OOM killer take the program before the runner.  We are not dumpable (inherited from
     * the runner), so /proc/self is root's until exec: become dumpable for this write (exec makes
     * the program dumpable anyway; no other process is alive and our fds are the program's). */
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    int adj = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (adj >= 0) {
        if (write(adj, "1000", 4) < 0) {}
        close(adj);
    }

    struct rlimit rl;
    if (cpu_ms > 0) {
        rlim_t secs = (rlim_t)((cpu_ms + 999) / 1000) + 1;
        rl.rlim_cur = secs;
        rl.rlim_max = secs + 1;
        setrlimit(RLIMIT_CPU, &rl);
    }
    rl.rlim_cur = rl.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &rl);
    if (in_session && session_filter() < 0) {
        dprintf(2, "bastion-runner: seccomp: %s\n", strerror(errno));
        _exit(127);
    }
    if (chdir(BOX_DIR) < 0) {
        dprintf(2, "bastion-runner: chdir %s: %s\n", BOX_DIR, strerror(errno));
        _exit(127);
    }
    environ = child_env; /* execvp searches the PATH of environ */
    execvp(argv[0], argv);
    dprintf(2, "bastion-runner: exec %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static void cmd_run(char *args) {
    char *tok[8];
    int nt = split(args, tok, 7);
    if (nt != 5 && nt != 6) fatal_protocol("RUN: expected 5 or 6 numbers");
    uint64_t v[6] = {0};
    for (int i = 0; i < nt; i++)
        if (parse_u64(tok[i], &v[i]) < 0) fatal_protocol("RUN: bad number");
    uint64_t cpu_ms = v[0], wall_ms = v[1], out_cap = v[2], stdin_size = v[3], argv_size = v[4], mem_kb_lim = v[5];

    struct outbuf ob = {0}, eb = {0};
    int prep_err = 0;
    const char *prep_what = "";

    /* stdin of the program: stream into a private tmp file */
    int in_fd = -1;
    if (stdin_size == 0) {
        in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in_fd < 0) { prep_err = errno; prep_what = "open /dev/null"; }
        if (copy_input(0, -1, &prep_err) < 0) eof_exit();
    } else {
        char tmpl[] = "/tmp/.bastion-stdin-XXXXXX";
        int wfd = mkostemp(tmpl, O_CLOEXEC);
        int werr = 0;
        if (wfd < 0) { prep_err = errno; prep_what = "create stdin file"; }
        if (copy_input(stdin_size, wfd, &werr) < 0) {
            if (wfd >= 0) unlink(tmpl);
            eof_exit();
        }
        if (wfd >= 0) {
            if (werr) { prep_err = werr; prep_what = "write stdin file"; }
            else {
                in_fd = open(tmpl, O_RDONLY | O_CLOEXEC);
                if (in_fd < 0) { prep_err = errno; prep_what = "open stdin file"; }
            }
            unlink(tmpl);
            close(wfd);
        }
    }

    /* argv */
    char *argbuf = NULL;
    char **argv = NULL;
    if (argv_size > MAX_ARGV_BYTES) {
        int dummy = 0;
        if (copy_input(argv_size, -1, &dummy) < 0) eof_exit();
        if (!prep_err) { prep_err = E2BIG; prep_what = "argv"; }
    } else {
        argbuf = malloc((size_t)argv_size + 1);
        if (!argbuf) fatal_protocol("out of memory");
        if (read_input(argbuf, (size_t)argv_size) < 0) eof_exit();
        argbuf[argv_size] = 0;
        size_t cnt = 0;
        for (size_t i = 0; i < argv_size; i++)
            if (argbuf[i] == 0) cnt++;
        if (argv_size > 0 && argbuf[argv_size - 1] != 0) cnt++; /* unterminated last string */
        argv = calloc(cnt + 1, sizeof *argv);
        if (!argv) fatal_protocol("out of memory");
        size_t k = 0;
        for (size_t i = 0; i < argv_size && k < cnt;) {
            argv[k++] = argbuf + i;
            i += strlen(argbuf + i) + 1;
        }
        argv[k] = NULL;
        if (k == 0 || argv[0][0] == 0) {
            if (!prep_err) { prep_err = EINVAL; prep_what = "empty argv"; }
        }
    }

    if (prep_err) {
        run_error(&ob, &eb, prep_what, prep_err);
        goto out;
    }

    int op[2] = {-1, -1}, ep[2] = {-1, -1};
    if (pipe2(op, O_CLOEXEC) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
        int e = errno;
        if (op[0] >= 0) { close(op[0]); close(op[1]); }
        run_error(&ob, &eb, "pipe", e);
        goto out;
    }
    fcntl(op[0], F_SETFL, O_NONBLOCK);
    fcntl(ep[0], F_SETFL, O_NONBLOCK);

    long long oom_before = oom_kill_count();
    /* the peak is the container's lifetime peak (compilation included): only telling if not at the limit yet */
    int at_limit_before = memory_at_limit();
    struct rusage ru_children_before;
    getrusage(RUSAGE_CHILDREN, &ru_children_before);
    long clk = sysconf(_SC_CLK_TCK);
    if (clk <= 0) clk = 100;

    int64_t t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(op[0]); close(op[1]); close(ep[0]); close(ep[1]);
        run_error(&ob, &eb, "fork", e);
        kill_all_and_reap(-1, &(int){0}, &(int){0}, &(struct rusage){0});
        goto out;
    }
    if (pid == 0) child_exec(in_fd, op[1], ep[1], argv, cpu_ms);

    close(op[1]);
    close(ep[1]);
    close(in_fd);
    in_fd = -1;

    int fds[2] = {op[0], ep[0]};
    struct outbuf *bufs[2] = {&ob, &eb};
    int child_done = 0, status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    int killed_tle = 0, killed_ole = 0, killed_mle = 0, killed = 0, oom_err = 0;
    long long tree_ms = 0, peak_rss_kb = 0;
    int64_t t_end = 0, last_cpu_check = 0, drain_deadline = 0;
    char chunk[65536];

    for (;;) {
        struct pollfd pf[3];
        int np = 0, map[2];
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0) { pf[np].fd = fds[i]; pf[np].events = POLLIN; pf[np].revents = 0; map[np++] = i; }
        if (child_done && np == 0) break;
        int64_t now = now_ms();
        if (child_done && now >= drain_deadline) break;

        int timeout = POLL_MS;
        if (!child_done && wall_ms > 0 && !killed) {
            int64_t left = (int64_t)wall_ms - (now - t0);
            if (left < timeout) timeout = left < 1 ? 1 : (int)left;
        }
        int nw = np;
        if (!child_done && chld_pipe[0] >= 0) { pf[nw].fd = chld_pipe[0]; pf[nw].events = POLLIN; pf[nw].revents = 0; nw++; }
        int pr = poll(pf, (nfds_t)nw, timeout);
        if (nw > np && pf[np].revents) drain_chld_pipe();
        if (pr > 0) {
            for (int j = 0; j < np; j++) {
                if (!pf[j].revents) continue;
                int i = map[j];
                ssize_t r = read(fds[i], chunk, sizeof chunk);
                if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
                if (r <= 0) { close(fds[i]); fds[i] = -1; continue; }
                size_t room = ob.len + eb.len < out_cap ? (size_t)(out_cap - ob.len - eb.len) : 0;
                size_t keep = (size_t)r < room ? (size_t)r : room;
                if (keep > 0 && ob_append(bufs[i], chunk, keep) < 0) { oom_err = 1; keep = 0; }
                if ((size_t)r > keep && !killed_ole) {
                    killed_ole = 1;
                    if (!killed) { kill(-1, SIGKILL); killed = 1; }
                }
            }
        }

        /* reap: the child, and any orphan reparented to us */
        while (!child_done) {
            int st;
            struct rusage r1;
            pid_t w = wait4(-1, &st, WNOHANG, &r1);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) break;
            if (w == pid) {
                child_done = 1;
                status = st;
                ru = r1;
                t_end = now_ms();
            }
        }
        if (child_done && !drain_deadline) {
            /* main program finished: nothing else may survive it */
            kill_all_and_reap(pid, &child_done, &status, &ru);
            drain_deadline = now_ms() + DRAIN_MS;
            continue;
        }
        if (child_done) continue;
        if (killed) { kill(-1, SIGKILL); continue; } /* until the child is reaped */

        now = now_ms();
        if (wall_ms > 0 && now - t0 >= (int64_t)wall_ms) {
            killed_tle = 1;
            killed = 1;
            kill(-1, SIGKILL);
            continue;
        }
        if (cpu_ms > 0 && now - last_cpu_check >= POLL_MS) {
            last_cpu_check = now;
            struct rusage rc;
            getrusage(RUSAGE_CHILDREN, &rc);
            long long reaped = rusage_ms(&rc) - rusage_ms(&ru_children_before);
            long long rss_kb;
            long long t = tree_cpu_ticks(&rss_kb) * 1000 / clk + reaped;
            if (t > tree_ms) tree_ms = t;
            if (rss_kb > peak_rss_kb) peak_rss_kb = rss_kb;
            if (tree_ms > (long long)cpu_ms) {
                killed_tle = 1;
                killed = 1;
                kill(-1, SIGKILL);
            } else if (mem_kb_lim > 0 && (uint64_t)rss_kb > mem_kb_lim) {
                /* caught before the cgroup limit: under gVisor the cgroup OOM would take the
                 * whole sandbox down, and a prompt kill keeps the container healthy anyway */
                killed_mle = 1;
                killed = 1;
                kill(-1, SIGKILL);
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (fds[i] >= 0) close(fds[i]);
    clean_scratch();

    long long cpu = rusage_ms(&ru);
    if (tree_ms > cpu) cpu = tree_ms;
    long long wall = t_end - t0;
    long long mem = ru.ru_maxrss;
    if (peak_rss_kb > mem) mem = peak_rss_kb;
    int code = -1, sig = 0;
    if (WIFEXITED(status)) code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) sig = WTERMSIG(status);
    long long oom_after = oom_kill_count();
    int oom = oom_before >= 0 && oom_after > oom_before;

    const char *st;
    if (oom_err) st = "ERR";
    else if (killed_ole) st = "OLE";
    else if (killed_tle) st = "TLE";
    else if (killed_mle) st = "MLE";
    else if (oom) st = "MLE";
    else if (sig == SIGXCPU) st = "TLE";
    else if (sig == SIGKILL && cpu_ms > 0 && cpu >= (long long)cpu_ms) st = "TLE";
    else if (sig == SIGKILL && !at_limit_before && memory_at_limit()) st = "MLE";
    else if (code == 0) st = "OK";
    else st = "RE";
    if ((strcmp(st, "OK") == 0 || strcmp(st, "RE") == 0) && mem_kb_lim > 0 && (uint64_t)mem > mem_kb_lim) st = "MLE";
    if (oom_err) {
        run_error(&ob, &eb, "output buffer", ENOMEM);
        goto out;
    }
    send_result(st, code, sig, cpu, wall, mem, &ob, &eb);

out:
    if (in_fd >= 0) close(in_fd);
    free(argbuf);
    free(argv);
    free(ob.p);
    free(eb.p);
}

/* -------------------------------------------------------------- main ---- */

int main(int argc, char **argv) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (argc > 1 && strcmp(argv[1], "--sessions") == 0) return supervise(argc - 2, argv + 2);
    if (argc > 1 && strcmp(argv[1], "--session") == 0) in_session = 1;
    else if (argc > 1) { dprintf(2, "bastion-runner: unknown argument %s\n", argv[1]); return 2; }
    page_kb = sysconf(_SC_PAGESIZE) / 1024;
    if (page_kb <= 0) page_kb = 4;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN); /* a FILE past RLIMIT_FSIZE must fail with EFBIG, not kill us */
    if (pipe2(chld_pipe, O_CLOEXEC | O_NONBLOCK) == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigchld;
        sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGCHLD, &sa, NULL);
    } /* else: the run loop notices the end of a program at its poll timeout, as before */
    umask(022);

    char line[MAX_LINE];
    for (;;) {
        /* reap anything that may linger (should be nothing) */
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        int r = read_line(line, sizeof line);
        if (r == 0) eof_exit();
        if (r < 0) {
            if (in_eof) eof_exit();
            fatal_protocol("command line too long");
        }
        if (strcmp(line, "PING") == 0) {
            reply("PONG");
        } else if (in_session && strcmp(line, "END") == 0) {
            /* everything this session started is ended with it: we are PID 1 of its namespace */
            reply("BYE");
            return 0;
        } else if (strncmp(line, "FILE ", 5) == 0) {
            cmd_file(line + 5);
        } else if (strncmp(line, "RUN ", 4) == 0) {
            cmd_run(line + 4);
        } else {
            fatal_protocol("unknown command");
        }
    }
}
