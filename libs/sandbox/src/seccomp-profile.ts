/**
 * Bastion's seccomp profile for the judge containers (Docker's profile format, passed inline in
 * HostConfig.SecurityOpt). It keeps the behaviour of Docker's default profile for a container
 * without capabilities — deny by default, allow the calls ordinary programs make — and refuses on
 * top the kernel interfaces judged code never needs and recent privilege escalations came from:
 * io_uring (which Docker 20.10's default profile allows), userfaultfd, bpf, the keyrings,
 * perf_event_open, namespaces and device nodes. Under gVisor it applies only with runsc's
 * `--oci-seccomp` flag (scripts/services.sh registers runsc with it).
 */
const EPERM = 1;
const ENOSYS = 38;
/** CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET */
export const CLONE_NAMESPACE_FLAGS = 0x7e020000;
const AF_VSOCK = 40;
/** S_IFCHR's bit of a file mode, which S_IFBLK has too (and regular files, FIFOs and sockets lack). */
export const DEVICE_MODE_BIT = 0o20000;

/** Refused explicitly, whatever else the profile says (EPERM). */
export const DENIED_SYSCALLS = [
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'userfaultfd',
  'bpf',
  'keyctl',
  'add_key',
  'request_key',
  'perf_event_open',
  // no namespaces: creating or joining one (clone with namespace flags is refused below)
  'unshare',
  'setns',
  // signals by descriptor: a descriptor of /proc/1 would reach the runner past the rule below
  'pidfd_send_signal',
] as const;

/**
 * What a container with sessions (SandboxSettings.sessions) also allows, and clone with namespace
 * flags: what bwrap needs to build a session's namespaces, mounts and root. The runner stacks a
 * filter refusing exactly these on every program it starts in a session (runner.c,
 * session_filter()), so a judged program meets the same refusals as without sessions.
 */
export const SESSION_SYSCALLS = ['unshare', 'mount', 'umount2', 'pivot_root', 'sethostname'] as const;

/**
 * The calls that signal a process or thread named by its first argument, allowed unless that
 * argument is 1: the runner, PID 1 of the container. Linux shields PID 1 from its namespace's
 * signals; gVisor does not (a program's kill(1, SIGKILL) ended the sandbox, SIGSTOP stopped it).
 * tgkill and rt_tgsigqueueinfo also name a thread, which must belong to the first argument's group.
 */
export const SIGNAL_SYSCALLS = ['kill', 'tkill', 'tgkill', 'rt_sigqueueinfo', 'rt_tgsigqueueinfo'] as const;

/** Allowed with any arguments: the calls of Docker's default allow-list that need no capability. */
export const ALLOWED_SYSCALLS: readonly string[] = [
  // files and directories
  ...['access', 'faccessat', 'faccessat2', 'open', 'openat', 'openat2', 'creat', 'close', 'close_range'],
  ...['read', 'readv', 'pread64', 'preadv', 'preadv2', 'write', 'writev', 'pwrite64', 'pwritev', 'pwritev2'],
  ...['lseek', '_llseek', 'dup', 'dup2', 'dup3', 'fcntl', 'fcntl64', 'flock', 'ioctl', 'readahead'],
  ...['stat', 'stat64', 'lstat', 'lstat64', 'fstat', 'fstat64', 'fstatat64', 'newfstatat', 'statx'],
  ...['statfs', 'statfs64', 'fstatfs', 'fstatfs64', 'getdents', 'getdents64', 'getcwd', 'chdir', 'fchdir'],
  ...['mkdir', 'mkdirat', 'rmdir', 'rename', 'renameat', 'renameat2', 'link', 'linkat', 'unlink', 'unlinkat'],
  ...['symlink', 'symlinkat', 'readlink', 'readlinkat', 'umask', 'truncate', 'truncate64'],
  ...['ftruncate', 'ftruncate64', 'fallocate', 'fadvise64', 'fadvise64_64', 'fsync', 'fdatasync', 'sync'],
  ...['syncfs', 'sync_file_range', 'copy_file_range', 'sendfile', 'sendfile64', 'splice', 'tee', 'vmsplice'],
  ...['chmod', 'fchmod', 'fchmodat', 'chown', 'chown32', 'fchown', 'fchown32', 'fchownat', 'lchown', 'lchown32'],
  ...['utime', 'utimes', 'utimensat', 'utimensat_time64', 'futimesat'],
  ...['getxattr', 'lgetxattr', 'fgetxattr', 'setxattr', 'lsetxattr', 'fsetxattr', 'listxattr', 'llistxattr'],
  ...['flistxattr', 'removexattr', 'lremovexattr', 'fremovexattr'],
  ...['inotify_init', 'inotify_init1', 'inotify_add_watch', 'inotify_rm_watch', 'fanotify_mark'],
  ...['pipe', 'pipe2', 'memfd_create', 'eventfd', 'eventfd2', 'signalfd', 'signalfd4'],
  ...['timerfd_create', 'timerfd_settime', 'timerfd_settime64', 'timerfd_gettime', 'timerfd_gettime64'],
  // waiting on descriptors, Linux AIO
  ...['select', '_newselect', 'pselect6', 'pselect6_time64', 'poll', 'ppoll', 'ppoll_time64'],
  ...['epoll_create', 'epoll_create1', 'epoll_ctl', 'epoll_ctl_old', 'epoll_wait', 'epoll_wait_old'],
  ...['epoll_pwait', 'epoll_pwait2', 'io_setup', 'io_destroy', 'io_submit', 'io_cancel', 'io_getevents'],
  ...['io_pgetevents', 'io_pgetevents_time64'],
  // memory
  ...['brk', 'mmap', 'mmap2', 'munmap', 'mremap', 'mprotect', 'madvise', 'mincore', 'msync', 'membarrier'],
  ...['mlock', 'mlock2', 'mlockall', 'munlock', 'munlockall', 'remap_file_pages'],
  // processes and threads (clone and clone3 are filtered below)
  ...['fork', 'vfork', 'execve', 'execveat', 'exit', 'exit_group', 'wait4', 'waitid', 'waitpid'],
  ...['pidfd_open', 'set_tid_address', 'gettid', 'getpid'],
  ...['getppid', 'getpgid', 'setpgid', 'getpgrp', 'getsid', 'setsid', 'prctl', 'arch_prctl', 'seccomp'],
  ...['set_robust_list', 'get_robust_list', 'rseq', 'set_thread_area', 'get_thread_area', 'restart_syscall'],
  ...['futex', 'futex_time64', 'futex_waitv', 'getcpu', 'sched_yield', 'sched_getaffinity'],
  ...['sched_setaffinity', 'sched_getattr', 'sched_setattr', 'sched_getparam', 'sched_setparam'],
  ...['sched_getscheduler', 'sched_setscheduler', 'sched_get_priority_max', 'sched_get_priority_min'],
  ...['sched_rr_get_interval', 'sched_rr_get_interval_time64', 'getpriority', 'setpriority'],
  ...['ioprio_get', 'ioprio_set', 'capget', 'capset'],
  // LeakSanitizer stops the program's threads with ptrace (Docker allows it from Linux 4.8 on)
  ...['ptrace', 'process_vm_readv', 'process_vm_writev'],
  // credentials and limits
  ...['getuid', 'getuid32', 'geteuid', 'geteuid32', 'getgid', 'getgid32', 'getegid', 'getegid32'],
  ...['getresuid', 'getresuid32', 'getresgid', 'getresgid32', 'getgroups', 'getgroups32', 'setuid'],
  ...['setuid32', 'setgid', 'setgid32', 'setreuid', 'setreuid32', 'setregid', 'setregid32', 'setresuid'],
  ...['setresuid32', 'setresgid', 'setresgid32', 'setgroups', 'setgroups32', 'setfsuid', 'setfsuid32'],
  ...['setfsgid', 'setfsgid32', 'getrlimit', 'ugetrlimit', 'setrlimit', 'prlimit64', 'getrusage', 'times'],
  // signals
  ...['rt_sigaction', 'rt_sigprocmask', 'rt_sigreturn', 'rt_sigpending', 'rt_sigsuspend', 'rt_sigtimedwait'],
  ...['rt_sigtimedwait_time64', 'sigaltstack', 'sigprocmask'],
  ...['sigreturn', 'pause', 'alarm', 'getitimer', 'setitimer'],
  // time
  ...['time', 'gettimeofday', 'clock_gettime', 'clock_gettime64', 'clock_getres', 'clock_getres_time64'],
  ...['clock_nanosleep', 'clock_nanosleep_time64', 'nanosleep', 'adjtimex', 'clock_adjtime'],
  ...['clock_adjtime64', 'timer_create', 'timer_delete', 'timer_getoverrun', 'timer_gettime'],
  ...['timer_gettime64', 'timer_settime', 'timer_settime64'],
  // System V and POSIX IPC
  ...['ipc', 'shmget', 'shmat', 'shmdt', 'shmctl', 'semget', 'semop', 'semtimedop', 'semtimedop_time64'],
  ...['semctl', 'msgget', 'msgsnd', 'msgrcv', 'msgctl', 'mq_open', 'mq_unlink', 'mq_timedsend'],
  ...['mq_timedsend_time64', 'mq_timedreceive', 'mq_timedreceive_time64', 'mq_notify', 'mq_getsetattr'],
  // sockets (socket itself is filtered below; the container has no network)
  ...['socketpair', 'socketcall', 'bind', 'listen', 'accept', 'accept4', 'connect', 'shutdown'],
  ...['getsockname', 'getpeername', 'getsockopt', 'setsockopt', 'send', 'sendto', 'sendmsg', 'sendmmsg'],
  ...['recv', 'recvfrom', 'recvmsg', 'recvmmsg', 'recvmmsg_time64'],
  // system information, unprivileged sandboxing
  ...['uname', 'sysinfo', 'getrandom', 'landlock_create_ruleset', 'landlock_add_rule', 'landlock_restrict_self'],
];

type Action = 'SCMP_ACT_ALLOW' | 'SCMP_ACT_ERRNO' | 'SCMP_ACT_TRACE';
interface Arg {
  index: number;
  value: number;
  valueTwo?: number;
  op: 'SCMP_CMP_EQ' | 'SCMP_CMP_NE' | 'SCMP_CMP_MASKED_EQ';
}
export interface SeccompRule {
  names: string[];
  action: Action;
  args?: Arg[];
  errnoRet?: number;
  comment?: string;
}
export interface SeccompProfile {
  defaultAction: 'SCMP_ACT_ERRNO';
  archMap: { architecture: string; subArchitectures: string[] }[];
  syscalls: SeccompRule[];
}

/** Docker's default: the execution domains glibc and the sanitizers ask for, and the query. */
const PERSONALITIES = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

/**
 * The profile for one runtime. Only clone3 differs: its flags sit in memory a filter cannot read,
 * so it is refused with ENOSYS, which makes glibc fall back to clone (filtered on its flags).
 * runsc up to at least release 20221219 ignores errnoRet and answers EPERM instead, on which
 * glibc's pthread_create fails; there clone3 gets SCMP_ACT_TRACE, which with no tracer attached
 * fails with ENOSYS (in gVisor as in Linux).
 */
export function seccompProfile(runtime: string, opts: { sessions?: boolean } = {}): SeccompProfile {
  const clone3: SeccompRule =
    runtime === 'runsc'
      ? { names: ['clone3'], action: 'SCMP_ACT_TRACE', comment: 'ENOSYS when untraced: glibc falls back to clone' }
      : { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, comment: 'glibc falls back to clone' };
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    // 64-bit only: judged programs make no 32-bit system calls (so no compat entry points, nor
    // modify_ldt, which Docker allows on x86)
    archMap: [
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: [] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: [] },
    ],
    syscalls: [
      { names: [...ALLOWED_SYSCALLS], action: 'SCMP_ACT_ALLOW' },
      ...PERSONALITIES.map((value): SeccompRule => ({
        names: ['personality'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 0, value, op: 'SCMP_CMP_EQ' }],
      })),
      opts.sessions
        ? { names: ['clone'], action: 'SCMP_ACT_ALLOW', comment: 'bwrap makes namespaces (SESSION_SYSCALLS)' }
        : {
            names: ['clone'],
            action: 'SCMP_ACT_ALLOW',
            args: [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
            comment: 'threads and processes, no new namespaces',
          },
      ...(opts.sessions
        ? [
            {
              names: [...SESSION_SYSCALLS],
              action: 'SCMP_ACT_ALLOW',
              comment: 'bwrap builds the sessions',
            } satisfies SeccompRule,
          ]
        : []),
      clone3,
      // Device nodes need CAP_MKNOD, which the container lacks; gVisor's own kernel does not ask
      // for it (a node there reaches no host device, /box is nodev), but the policy is one.
      {
        names: ['mknod'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 1, value: DEVICE_MODE_BIT, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
        comment: 'files, FIFOs and sockets; no character or block devices',
      },
      {
        names: ['mknodat'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 2, value: DEVICE_MODE_BIT, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
        comment: 'files, FIFOs and sockets; no character or block devices',
      },
      {
        names: ['socket'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 0, value: AF_VSOCK, op: 'SCMP_CMP_NE' }],
        comment: 'vsock is not isolated by the network namespace',
      },
      ...signalRules(),
      {
        names: DENIED_SYSCALLS.filter((n) => !opts.sessions || !(SESSION_SYSCALLS as readonly string[]).includes(n)),
        action: 'SCMP_ACT_ERRNO',
        errnoRet: EPERM,
      },
    ],
  };
}

/**
 * SIGNAL_SYSCALLS allowed when the target's low 32 bits (the kernel reads a 32-bit pid) are 0 (the
 * caller's process group) or have any bit above bit 0 set (2 and up, and -1 and every negative
 * group): everything but 1. A filter cannot say "not equal" on masked bits, hence one rule per bit
 * (rules for one call are alternatives). Anything else, i.e. 1, meets the default: EPERM.
 */
function signalRules(): SeccompRule[] {
  const names = [...SIGNAL_SYSCALLS];
  const rules: SeccompRule[] = [
    { names, action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0xffffffff, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
  ];
  for (let bit = 1; bit < 32; bit++) {
    const mask = 2 ** bit;
    rules.push({
      names,
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: mask, valueTwo: mask, op: 'SCMP_CMP_MASKED_EQ' }],
    });
  }
  rules[0].comment = 'signals to anyone but PID 1, the runner (one rule per bit of the target)';
  return rules;
}

/** The HostConfig.SecurityOpt entry that applies the profile (Docker takes the JSON inline). */
export function seccompSecurityOpt(runtime: string, opts: { sessions?: boolean } = {}): string {
  return `seccomp=${JSON.stringify(seccompProfile(runtime, opts))}`;
}
