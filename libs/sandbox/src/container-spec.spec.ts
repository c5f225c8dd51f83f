import { containerSpec, RUNSC_PIDS_ALLOWANCE } from './container-spec';
import { seccompProfile } from './seccomp-profile';

describe('containerSpec', () => {
  const spec = containerSpec({
    workerId: 'w1',
    image: 'bastion-judge-c:latest',
    runtime: 'runsc',
    memoryMb: 256,
    cpus: 1,
    pidsLimit: 64,
    workdirMb: 64,
  });

  it('isolates the program from the network, the host and privileges', () => {
    expect(spec.NetworkDisabled).toBe(true);
    expect(spec.HostConfig?.NetworkMode).toBe('none');
    expect(spec.HostConfig?.ReadonlyRootfs).toBe(true);
    expect(spec.HostConfig?.CapDrop).toEqual(['ALL']);
    expect(spec.HostConfig?.SecurityOpt).toContain('no-new-privileges');
    expect(spec.HostConfig?.Binds).toBeUndefined();
    expect(spec.HostConfig?.Mounts).toBeUndefined();
    expect(spec.HostConfig?.Privileged).toBeUndefined();
    expect(spec.User).toBe('1000:1000');
    expect(spec.Env).toEqual([]);
    expect(spec.HostConfig?.Runtime).toBe('runsc');
  });

  it("applies Bastion's seccomp profile for its runtime, inline", () => {
    const opts = spec.HostConfig?.SecurityOpt ?? [];
    const seccomp = opts.filter((o: string) => o.startsWith('seccomp='));
    expect(seccomp).toHaveLength(1);
    expect(JSON.parse(seccomp[0].slice('seccomp='.length))).toEqual(seccompProfile('runsc'));
    expect(opts).not.toContain('seccomp=unconfined');
  });

  it('caps memory with equal swap, processes, CPU and files', () => {
    expect(spec.HostConfig?.Memory).toBe(256 * 1024 * 1024);
    expect(spec.HostConfig?.MemorySwap).toBe(spec.HostConfig?.Memory);
    // gVisor's own threads count against the cgroup too, so runsc gets an allowance on top.
    expect(spec.HostConfig?.PidsLimit).toBe(64 + RUNSC_PIDS_ALLOWANCE);
    expect(spec.HostConfig?.NanoCpus).toBe(1e9);
    expect(spec.HostConfig?.Tmpfs?.['/box']).toMatch(/size=64m/);
    expect(spec.HostConfig?.Ulimits?.map((u) => u.Name).sort()).toEqual(['core', 'fsize', 'nofile']);
  });

  it('gives runc exactly the configured process limit', () => {
    const runc = containerSpec({
      workerId: 'w',
      image: 'i',
      runtime: 'runc',
      memoryMb: 64,
      cpus: 0.5,
      pidsLimit: 32,
      workdirMb: 16,
    });
    expect(runc.HostConfig?.PidsLimit).toBe(32);
    expect(runc.HostConfig?.NanoCpus).toBe(5e8);
  });
});
