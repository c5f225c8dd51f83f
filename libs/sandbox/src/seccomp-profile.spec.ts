import {
  ALLOWED_SYSCALLS,
  CLONE_NAMESPACE_FLAGS,
  DENIED_SYSCALLS,
  SeccompProfile,
  SIGNAL_SYSCALLS,
  seccompProfile,
  seccompSecurityOpt,
} from './seccomp-profile';

const CLONE_NEWUSER = 0x10000000;
const CLONE_NEWNS = 0x00020000;
const THREAD_FLAGS = 0x003d0f00; // what glibc's pthread_create passes to clone
const SIGCHLD = 17;

/** What the filter answers for one call: the first rule naming it whose arguments all match, else the default. */
function decide(p: SeccompProfile, name: string, args: number[] = []): string {
  const rule = p.syscalls.find(
    (r) =>
      r.names.includes(name) &&
      (r.args ?? []).every((a) => {
        const v = args[a.index] ?? 0;
        if (a.op === 'SCMP_CMP_EQ') return v === a.value;
        if (a.op === 'SCMP_CMP_NE') return v !== a.value;
        return Number(BigInt(v) & BigInt(a.value)) === a.valueTwo;
      }),
  );
  if (!rule) return `${p.defaultAction}(EPERM)`;
  return rule.action === 'SCMP_ACT_ERRNO'
    ? `SCMP_ACT_ERRNO(${rule.errnoRet === 38 ? 'ENOSYS' : 'EPERM'})`
    : rule.action;
}

describe.each(['runc', 'runsc'])('seccompProfile(%s)', (runtime) => {
  const profile = seccompProfile(runtime);

  it('is Docker profile JSON: deny by default, 64-bit only, every rule well formed', () => {
    const parsed = JSON.parse(seccompSecurityOpt(runtime).replace(/^seccomp=/, '')) as SeccompProfile;
    expect(parsed).toEqual(profile);
    expect(parsed.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(parsed.archMap.map((a) => a.architecture)).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_AARCH64']);
    expect(parsed.archMap.flatMap((a) => a.subArchitectures)).toEqual([]);
    for (const rule of parsed.syscalls) {
      expect(rule.names.length).toBeGreaterThan(0);
      for (const n of rule.names) expect(n).toMatch(/^_?[a-z][a-z0-9_]*$/);
      expect(['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE']).toContain(rule.action);
    }
    expect(new Set(ALLOWED_SYSCALLS).size).toBe(ALLOWED_SYSCALLS.length);
  });

  it.each([
    'io_uring_setup',
    'io_uring_enter',
    'io_uring_register',
    'userfaultfd',
    'bpf',
    'keyctl',
    'add_key',
    'request_key',
    'perf_event_open',
    'unshare',
    'setns',
    'pidfd_send_signal',
  ])('refuses %s with EPERM, whatever its arguments, and allows it nowhere', (name) => {
    expect(DENIED_SYSCALLS).toContain(name);
    expect(decide(profile, name)).toBe('SCMP_ACT_ERRNO(EPERM)');
    expect(decide(profile, name, [CLONE_NEWUSER])).toBe('SCMP_ACT_ERRNO(EPERM)');
    const allowing = profile.syscalls.filter((r) => r.action !== 'SCMP_ACT_ERRNO' && r.names.includes(name));
    expect(allowing).toEqual([]);
  });

  it.each([...SIGNAL_SYSCALLS])('lets %s signal anyone but the runner, PID 1, however the pid is spelled', (name) => {
    for (const pid of [0, 2, 3, 12345, 0x7fffffff, -1, -2, -12345])
      expect([name, pid, decide(profile, name, [pid])]).toEqual([name, pid, 'SCMP_ACT_ALLOW']);
    // the kernel reads a 32-bit pid: high bits do not make 1 something else
    for (const pid of [1, 2 ** 32 + 1, 2 ** 40 + 1])
      expect([name, pid, decide(profile, name, [pid])]).toEqual([name, pid, 'SCMP_ACT_ERRNO(EPERM)']);
  });

  it('lets clone make threads and processes but no namespace', () => {
    expect(CLONE_NAMESPACE_FLAGS & CLONE_NEWUSER).toBe(CLONE_NEWUSER);
    expect(decide(profile, 'clone', [THREAD_FLAGS])).toBe('SCMP_ACT_ALLOW');
    expect(decide(profile, 'clone', [SIGCHLD])).toBe('SCMP_ACT_ALLOW');
    expect(decide(profile, 'clone', [CLONE_NEWUSER | SIGCHLD])).toBe('SCMP_ACT_ERRNO(EPERM)');
    expect(decide(profile, 'clone', [CLONE_NEWNS | SIGCHLD])).toBe('SCMP_ACT_ERRNO(EPERM)');
  });

  it('lets mknod make files, FIFOs and sockets but no device node (gVisor does not ask for CAP_MKNOD)', () => {
    const [S_IFREG, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK] = [0o100000, 0o10000, 0o140000, 0o20000, 0o60000];
    for (const mode of [0, S_IFREG, S_IFIFO, S_IFSOCK]) {
      expect(decide(profile, 'mknod', [0, mode | 0o600])).toBe('SCMP_ACT_ALLOW');
      expect(decide(profile, 'mknodat', [-100, 0, mode | 0o600])).toBe('SCMP_ACT_ALLOW');
    }
    for (const mode of [S_IFCHR, S_IFBLK]) {
      expect(decide(profile, 'mknod', [0, mode | 0o666])).toBe('SCMP_ACT_ERRNO(EPERM)');
      expect(decide(profile, 'mknodat', [-100, 0, mode | 0o666])).toBe('SCMP_ACT_ERRNO(EPERM)');
    }
  });

  it('answers clone3 so that glibc falls back to clone: ENOSYS, under gVisor through an untraced TRACE', () => {
    expect(decide(profile, 'clone3')).toBe(runtime === 'runsc' ? 'SCMP_ACT_TRACE' : 'SCMP_ACT_ERRNO(ENOSYS)');
  });

  it('still allows what the runner and the toolchains need', () => {
    for (const name of [
      'execve',
      'fork',
      'wait4',
      'kill',
      'tgkill',
      'setsid',
      'prlimit64',
      'setrlimit',
      'ptrace',
      'rseq',
    ])
      expect([name, decide(profile, name)]).toEqual([name, 'SCMP_ACT_ALLOW']);
    expect(decide(profile, 'personality', [0xffffffff])).toBe('SCMP_ACT_ALLOW');
    expect(decide(profile, 'personality', [0x0040000])).toBe('SCMP_ACT_ERRNO(EPERM)'); // ADDR_NO_RANDOMIZE
    expect(decide(profile, 'socket', [1])).toBe('SCMP_ACT_ALLOW'); // AF_UNIX
    expect(decide(profile, 'socket', [40])).toBe('SCMP_ACT_ERRNO(EPERM)'); // AF_VSOCK
    expect(decide(profile, 'mount')).toBe('SCMP_ACT_ERRNO(EPERM)');
  });
});
