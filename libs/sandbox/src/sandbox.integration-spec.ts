import Docker from 'dockerode';
import { SANDBOX_LABEL, SandboxSettings, WORKER_LABEL } from './container-spec';
import { RunnerResult } from './protocol';
import { Sandbox, SandboxError, SandboxOutOfMemory, SandboxTakenDown } from './sandbox';
import { SandboxPool } from './sandbox-pool';

jest.setTimeout(120_000);

const docker = new Docker();
const workerId = `itest-${process.pid}`;
let runtime = 'runc';
let sessions = false;
const settings = (memoryMb = 512): SandboxSettings => ({
  workerId,
  image: 'bastion-judge-c:latest',
  runtime,
  memoryMb,
  cpus: 1,
  pidsLimit: 64,
  workdirMb: 64,
  sessions,
});
const limits = { cpuMs: 1000, wallMs: 3000, outputBytes: 1 << 20, memoryKb: 0 };
const none = Buffer.alloc(0);

async function until(ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function compiled(source: string): Promise<Sandbox> {
  const box = await Sandbox.start(docker, settings(), 'c');
  await box.writeFile('main.c', source);
  const r = await box.run(['gcc', '-O2', '-o', 'main', 'main.c'], none, { ...limits, cpuMs: 20_000, wallMs: 40_000 });
  expect(r.status).toBe('OK');
  return box;
}

// Both runtimes, every run: `npm test` registers gVisor (runsc) with the Docker engine. runc also
// with sessions: every program then runs in a bwrap session inside a long-lived container.
describe.each([
  ['runc', false],
  ['runsc', false],
  ['runc', true],
])('Sandbox on the real Docker engine, runtime %s, sessions %s', (rt, withSessions) => {
  beforeAll(() => {
    runtime = rt;
    sessions = withSessions;
  });

  afterAll(async () => {
    await SandboxPool.removeLeftovers(docker, workerId);
  });

  it('starts a locked-down container', async () => {
    const box = await Sandbox.start(docker, settings(), 'c');
    try {
      const info = await box.container.inspect();
      expect(info.HostConfig.NetworkMode).toBe('none');
      expect(info.HostConfig.ReadonlyRootfs).toBe(true);
      expect(info.HostConfig.CapDrop).toEqual(['ALL']);
      expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
      expect(info.HostConfig.Binds ?? []).toEqual([]);
      expect(info.Config.User).toBe('1000:1000');
      expect(info.Config.Labels[SANDBOX_LABEL]).toBe('1');
      const id = await box.run(['id', '-u'], none, limits);
      expect(id.stdout.toString().trim()).toBe('1000');
      const env = await box.run(['env'], none, limits);
      expect(env.stdout.toString()).not.toMatch(/DATABASE_URL|REDIS_URL|BASTION_/);
    } finally {
      await box.destroy();
    }
  });

  it('runs a program on its stdin and reports time, memory and verdicts', async () => {
    const box = await compiled(
      '#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <unistd.h>\n' +
        'int main(int c,char**v){char m[16]={0};if(scanf("%15s",m)!=1)return 2;' +
        'if(!strcmp(m,"spin"))for(;;);' +
        'if(!strcmp(m,"sleep"))sleep(30);' +
        'if(!strcmp(m,"eat")){for(;;){char*p=malloc(1<<20);if(!p)return 3;memset(p,1,1<<20);}}' +
        'if(!strcmp(m,"flood"))for(;;)fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",stdout);' +
        'if(!strcmp(m,"crash"))abort();' +
        'printf("echo %s\\n",m);return 0;}\n',
    );
    try {
      const ok = await box.run(['./main'], Buffer.from('hello\n'), limits);
      expect(ok).toMatchObject({ status: 'OK', exitCode: 0 });
      expect(ok.stdout.toString()).toBe('echo hello\n');
      expect(ok.memoryKb).toBeGreaterThan(0);

      expect((await box.run(['./main'], Buffer.from('spin'), limits)).status).toBe('TLE');
      const slept = await box.run(['./main'], Buffer.from('sleep'), limits);
      expect(slept.status).toBe('TLE');
      expect(slept.cpuMs).toBeLessThan(1000);
      expect((await box.run(['./main'], Buffer.from('flood'), limits)).status).toBe('OLE');
      const crash = await box.run(['./main'], Buffer.from('crash'), limits);
      expect(crash).toMatchObject({ status: 'RE', signal: 6 });

      await box.setMemoryLimit(96);
      const eat = await box.run(['./main'], Buffer.from('eat'), { ...limits, memoryKb: 64 * 1024 });
      expect(eat.status).toBe('MLE');

      // The sandbox still answers after all of that.
      expect((await box.run(['./main'], Buffer.from('again'), limits)).stdout.toString()).toBe('echo again\n');
    } finally {
      await box.destroy();
    }
  });

  it('gives MLE, or under gVisor a SandboxOutOfMemory, for memory filled in one system call', async () => {
    // MAP_POPULATE commits 3 GiB before the runner's next look at the program's memory.
    const box = await compiled(
      '#include <sys/mman.h>\nint main(void){void*p=mmap(0,3UL<<30,PROT_READ|PROT_WRITE,' +
        'MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE,-1,0);return p==MAP_FAILED;}\n',
    );
    try {
      const run = box.run(['./main'], none, { ...limits, memoryKb: 64 * 1024 });
      // runc: the kernel kills the program and the runner reports it; gVisor: the Sentry goes.
      if (rt === 'runsc') {
        const err = await run.catch((e: Error) => e);
        expect(err).toBeInstanceOf(SandboxOutOfMemory);
        expect((err as SandboxOutOfMemory).result).toMatchObject({ status: 'MLE', memoryKb: 64 * 1024 });
        expect(box.alive).toBe(false);
      } else expect((await run).status).toBe('MLE');
    } finally {
      await box.destroy();
    }
  });

  /** The result of a run, or the verdict of one that took its sandbox down. */
  const verdictOf = (run: Promise<RunnerResult>) =>
    run.catch((e: Error) => {
      if (e instanceof SandboxTakenDown) return e.result;
      throw e;
    });

  it('judges a fork bomb TLE, under gVisor too, where it may end the sandbox', async () => {
    const box = await compiled('#include <unistd.h>\nint main(void){for(;;)fork();}\n');
    try {
      // gVisor's Sentry needs host processes of the container's own: a fork bomb that takes them
      // all ends it (exit code 2). runc: the forks fail and the bomb runs into its time limit.
      const r = await verdictOf(box.run(['./main'], none, limits));
      expect(r.status).toBe('TLE');
      if (rt === 'runc') expect(box.alive).toBe(true);
    } finally {
      await box.destroy();
    }
  });

  it('judges a program that kills the runner: shielded (the kernel under runc, the seccomp profile under gVisor)', async () => {
    const box = await compiled(
      '#include <signal.h>\n#include <stdio.h>\n#include <unistd.h>\n' +
        'int main(void){kill(1,SIGTERM);kill(1,SIGKILL);usleep(200000);puts("alive");return 0;}\n',
    );
    try {
      const r = await verdictOf(box.run(['./main'], none, limits));
      expect(r).toMatchObject({ status: 'OK', stdout: Buffer.from('alive\n') });
      expect(box.alive).toBe(true);
    } finally {
      await box.destroy();
    }
  });

  it('blames no program for a sandbox stopped through the engine (docker stop, an engine shutting down)', async () => {
    const box = await compiled('#include <unistd.h>\nint main(void){sleep(20);return 0;}\n');
    try {
      const run = box.run(['./main'], none, { ...limits, wallMs: 30_000 });
      setTimeout(() => void box.container.stop({ t: 1 }).catch(() => undefined), 500);
      const err = await run.catch((e: Error) => e);
      expect(err).toBeInstanceOf(SandboxError);
      expect(err).not.toBeInstanceOf(SandboxTakenDown);
    } finally {
      await box.destroy();
    }
  });

  it('judges a program that stops the runner TLE; under gVisor the runner is continued and goes on', async () => {
    const box = await compiled('#include <signal.h>\n#include <unistd.h>\nint main(void){kill(1,SIGSTOP);for(;;);}\n');
    try {
      const r = await box.run(['./main'], none, limits);
      expect(r.status).toBe('TLE');
      await box.ping();
    } finally {
      await box.destroy();
    }
  });

  it('refills once the sandboxes in use are released, or at once when no warm one is left', async () => {
    const deferMs = SandboxPool.DEFER_MS;
    SandboxPool.DEFER_MS = 600_000;
    const pool = new SandboxPool({ docker, size: 2, settings: () => settings() });
    const mine = async () =>
      (await docker.listContainers({ all: true, filters: { label: [`${WORKER_LABEL}=${workerId}`] } })).length;
    try {
      pool.warm(['c']);
      await until(() => pool.sizes().c === 2);
      const a = await pool.acquire('c');
      await new Promise((r) => setTimeout(r, 1500));
      expect(pool.sizes().c).toBe(1);
      expect(await mine()).toBe(2); // no container being started while `a` is judged
      const b = await pool.acquire('c'); // the last warm one: the refill starts now
      if (withSessions) {
        // with sessions `size` counts the lent ones too, and both come back, recycled
        await new Promise((r) => setTimeout(r, 1500));
        expect(await mine()).toBe(2);
        await Promise.all([pool.release(a), pool.release(b)]);
        expect(pool.sizes().c).toBe(2);
        expect(await mine()).toBe(2);
        return;
      }
      await until(async () => (await mine()) === 3);
      await Promise.all([pool.release(a), pool.release(b)]);
      await until(() => pool.sizes().c === 2);
    } finally {
      SandboxPool.DEFER_MS = deferMs;
      await pool.close();
      await SandboxPool.removeLeftovers(docker, workerId);
    }
  });

  it('lends a spare warm sandbox only while the pool is quiet, and never starts one for it', async () => {
    const deferMs = SandboxPool.DEFER_MS;
    SandboxPool.DEFER_MS = 600_000;
    const pool = new SandboxPool({ docker, size: 3, settings: () => settings() });
    const mine = async () =>
      (await docker.listContainers({ all: true, filters: { label: [`${WORKER_LABEL}=${workerId}`] } })).length;
    try {
      pool.warm(['c']);
      expect(pool.acquireSpare('c', 2)).toBeUndefined(); // containers still starting
      await until(() => pool.sizes().c === 3);
      const a = await pool.acquire('c');
      const spare = pool.acquireSpare('c', 2);
      expect(spare).toBeDefined();
      expect(spare!.id).not.toBe(a.id);
      expect(pool.acquireSpare('c', 3)).toBeUndefined(); // the last warm one stays for the next submission
      expect(pool.acquireSpare('python', 3)).toBeUndefined(); // no pool, nothing started
      await new Promise((r) => setTimeout(r, 1000));
      expect(await mine()).toBe(3); // no container started for it, none while both are in use
      const b = await pool.acquire('c'); // the last warm one: its refill starts at once
      expect(pool.acquireSpare('c', 9)).toBeUndefined(); // none warm, and one being started
      void pool.release(a);
      void pool.release(spare!);
      void pool.release(b);
      expect(pool.acquireSpare('c', 9)).toBeUndefined();
      await until(() => pool.sizes().c === 3);
      const alone = pool.acquireSpare('c', 1);
      expect(alone).toBeDefined();
      expect(pool.acquireSpare('c', 1)).toBeUndefined(); // one in use, at most one
      await pool.release(alone!);
    } finally {
      SandboxPool.DEFER_MS = deferMs;
      await pool.close();
      await SandboxPool.removeLeftovers(docker, workerId);
    }
  });

  it('removes the container when destroyed', async () => {
    const box = await Sandbox.start(docker, settings(), 'c');
    await box.destroy();
    await expect(box.container.inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(box.ping()).rejects.toThrow(/destroyed/);
  });

  it('hands out a fresh container for every acquire and clears leftovers', async () => {
    const pool = new SandboxPool({ docker, size: 1, settings: () => settings() });
    const a = await pool.acquire('c');
    const b = await pool.acquire('c');
    expect(a.id).not.toBe(b.id);
    await Promise.all([pool.release(a), pool.release(b)]);
    await pool.close();
    const left = await SandboxPool.removeLeftovers(docker, workerId);
    expect(left).toBe(0); // released and closed: nothing was left to clear
    const after = await docker.listContainers({ all: true, filters: { label: [`${WORKER_LABEL}=${workerId}`] } });
    expect(after).toHaveLength(0);
  });
});
