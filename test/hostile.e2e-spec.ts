import Docker from 'dockerode';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { Writable } from 'node:stream';
import { LANGUAGES, WORKER_HEARTBEAT_PREFIX } from '@bastion/contracts';
import { SANDBOX_LABEL, WORKER_LABEL } from '@bastion/sandbox';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, sandboxRuntime, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';
import { until } from './support/wait';
import * as H from './programs/hostile';

/**
 * Hostile programs against the real judge (API + worker + Docker): escapes that must fail, bombs
 * that must be judged, state that must not outlive a test. Every submission is made up front, in
 * an order that interleaves normal submissions, and judged concurrently by the worker; each `it`
 * then waits for its own verdict. At the end the judge must still accept normal programs, the
 * worker must be alive and healthy, and no used sandbox container may be left behind.
 */
const RUNTIME = sandboxRuntime();
/** gVisor is slower to start a sandbox and charges its own work to the program (time factor 3). */
const SLOWER = RUNTIME === 'runsc' ? 2 : 1;
/** Long-lived containers with a session per submission (the default under runc: BASTION_SANDBOX_SESSIONS). */
const SESSIONS = RUNTIME === 'runc' && process.env.BASTION_SANDBOX_SESSIONS !== 'off';
// Every verdict of the suite arrives within about 140 s of the first submission under runc, 280 s
// under runsc (measured on 2 cores with other work beside it), the longest \`it\` waits about 60 s
// for its own: a hang shows within five minutes (ten under runsc).
jest.setTimeout(300_000 * SLOWER);

const VERDICT_TIMEOUT_MS = 240_000 * SLOWER;
const POLL_MS = 500;
const LANGS = ['c', 'cpp', 'python', 'java', 'javascript'] as const;
/** Every judge image gets a warm container (pool size 1 here), whether the suite uses its language or not. */
const IMAGE_COUNT = new Set(Object.values(LANGUAGES).map((l) => l.image)).size;
/** The images of the languages this suite submits in: their first containers must all have been used. */
const USED_IMAGES = new Set(LANGS.map((l) => `bastion-judge-${LANGUAGES[l].image}:latest`));

type ProblemKey = 'sum' | 'escape' | 'bombs' | 'relay' | 'vault';

interface Outcome {
  result?: any;
  error?: Error;
  elapsedMs: number;
}

interface Case {
  name: string;
  problem: ProblemKey;
  language: string;
  source: string;
}

const run = Date.now().toString(36);
const slugs: Record<ProblemKey, string> = {
  sum: `hostile-sum-${run}`,
  escape: `hostile-escape-${run}`,
  bombs: `hostile-bombs-${run}`,
  relay: `hostile-relay-${run}`,
  vault: `hostile-vault-${run}`,
};

/** The expected answer of the vault's secret test: random, and nowhere in its input. */
const TOKEN = `vault${randomBytes(12).toString('hex')}`;

const PROBLEMS: Record<Exclude<ProblemKey, 'sum'>, Record<string, string>> = {
  /** One test whose answer is `contained`: an escape probe is AC exactly when nothing got through. */
  escape: {
    'problem.yaml': 'name: Hostile escape\nlimits:\n  time_limit: 3\n  memory: 256\n',
    'data/secret/1.in': 'probe\n',
    'data/secret/1.ans': 'contained\n',
  },
  /** A plus B with small limits, for the bombs: 1 s, 64 MiB, 1 MiB of output, two tests. */
  bombs: {
    'problem.yaml': 'name: Hostile bombs\nlimits:\n  time_limit: 1\n  memory: 64\n  output: 1\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '40 2\n',
    'data/secret/1.ans': '42\n',
  },
  /**
   * Three tests judged in one sandbox, answers all `contained`: for what a test may leave to the
   * next. Tests 2 and 3 have 2 MiB inputs (the number, then blanks), which the runner must write
   * into the sandbox after whatever test 1 left there.
   */
  relay: {
    'problem.yaml': 'name: Hostile relay\nlimits:\n  time_limit: 1\n  memory: 64\n',
    'data/secret/1.in': '1\n',
    'data/secret/1.ans': 'contained\n',
    'data/secret/2.in': `2\n${' '.repeat(2 << 20)}\n`,
    'data/secret/2.ans': 'contained\n',
    'data/secret/3.in': `3\n${' '.repeat(2 << 20)}\n`,
    'data/secret/3.ans': 'contained\n',
  },
  /** A secret answer to look for: the program prints it if it finds it (AC = leak), else `contained` (WA). */
  vault: {
    'problem.yaml': 'name: Hostile vault\nlimits:\n  time_limit: 5\n  memory: 256\n',
    'data/secret/1.in': 'hunt\n',
    'data/secret/1.ans': `${TOKEN}\n`,
  },
};

/** The bomb that commits memory in one system call. */
const POPULATE = 'C memory grabbed in one system call (3 GiB, MAP_POPULATE)';

const TEST_COUNT: Record<ProblemKey, number> = { sum: 3, escape: 1, bombs: 2, relay: 3, vault: 1 };

/** Where a sandboxed program might find a service of the host: every one must be unreachable. */
function networkTargets(apiPort: number): Array<[string, number]> {
  const hostAddrs = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  const hosts = [...new Set(['127.0.0.1', '172.17.0.1', ...hostAddrs])];
  const ports = [6379, 5432, 2375, 2376, 3000, apiPort];
  const targets: Array<[string, number]> = hosts.flatMap((h) => ports.map((p): [string, number] => [h, p]));
  targets.push(
    ['1.1.1.1', 80],
    ['1.1.1.1', 443],
    ['8.8.8.8', 53],
    ['::1', 6379],
    ['::1', 5432],
    ['2606:4700:4700::1111', 80],
  );
  return targets;
}

function control(i: number): Case {
  const language = i % 2 ? 'python' : 'c';
  return { name: `control ${i} (${language} A+B)`, problem: 'sum', language, source: SUM_AC[language] };
}

describe(`hostile programs are contained and judged (real API, worker, Docker; ${RUNTIME})`, () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let docker: Docker;
  let workerId: string;
  let initialSandboxes: string[] = [];
  const startedAt = Date.now();
  const outcomes = new Map<string, Promise<Outcome>>();
  /** POST /runs made before the submissions (a run waits in the same queue), by name. */
  const runs = new Map<string, Promise<{ status: number; body: any }>>();
  const observed = new Map<string, Outcome>();
  const controls: string[] = [];

  const cases = {
    escape: [] as Case[],
    bombs: [] as Case[],
    compileBombs: [] as Case[],
    relay: [] as Case[],
    leftovers: [] as Case[],
    other: [] as Case[],
  };

  async function waitDone(id: string): Promise<any> {
    const deadline = Date.now() + VERDICT_TIMEOUT_MS;
    for (;;) {
      const r = await admin.request('GET', `/submissions/${id}`);
      if (r.status !== 200) throw new Error(`read failed: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
      if (Date.now() > deadline)
        throw new Error(`submission ${id} still ${r.body.status} after ${VERDICT_TIMEOUT_MS} ms`);
      await new Promise((res) => setTimeout(res, POLL_MS));
    }
  }

  /** Submits now and starts waiting; the outcome never rejects (a failure is kept for the `it`). */
  async function submit(c: Case): Promise<void> {
    if (outcomes.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    const t0 = Date.now();
    const id = await admin.submit(slugs[c.problem], c.language, c.source);
    const p = waitDone(id).then(
      (result): Outcome => ({ result, elapsedMs: Date.now() - t0 }),
      (error: Error): Outcome => ({ error, elapsedMs: Date.now() - t0 }),
    );
    outcomes.set(
      c.name,
      p.then((o) => {
        observed.set(c.name, o);
        return o;
      }),
    );
  }

  async function outcome(name: string): Promise<any> {
    const o = await outcomes.get(name);
    if (!o) throw new Error(`case ${name} was never submitted`);
    if (o.error) throw o.error;
    return o.result;
  }

  /** What a failed expectation shows: the verdict and every test with its checker message. */
  const summary = (r: any): { verdict: string; status: string; tests: string[] } => ({
    verdict: r.verdict,
    status: r.status,
    tests: r.tests.map((t: any) => `${t.name}: ${t.verdict}${t.message ? ` (${t.message})` : ''}`),
  });

  /** Every test AC: nothing got through (a WA names the hole: `got "escaped:…"`). */
  function expectContained(r: any, problem: ProblemKey): void {
    expect(summary(r)).toEqual({
      verdict: 'AC',
      status: 'done',
      tests: Array.from({ length: TEST_COUNT[problem] }, (_, i) => `secret/${i + 1}: AC`),
    });
  }

  /** Judged (status done, every test has a verdict), never IE, and the verdict one of `allowed`. */
  function expectJudged(r: any, problem: ProblemKey, allowed?: string[]): void {
    const s = summary(r);
    const detail = `\n${JSON.stringify(s, null, 2)}`;
    if (s.status !== 'done' || s.verdict === 'IE') throw new Error(`not judged${detail}`);
    if (r.tests.length !== TEST_COUNT[problem] || r.tests.some((t: any) => t.verdict === 'IE')) {
      throw new Error(`${TEST_COUNT[problem]} tests were to be judged${detail}`);
    }
    if (allowed && !allowed.includes(s.verdict))
      throw new Error(`verdict ${s.verdict}, expected ${allowed.join(' or ')}${detail}`);
  }

  async function sandboxContainers() {
    return docker.listContainers({
      all: true,
      filters: { label: [`${SANDBOX_LABEL}=1`, `${WORKER_LABEL}=${workerId}`] },
    });
  }

  async function execIn(id: string, cmd: string[]): Promise<string> {
    const exec = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        out += chunk.toString();
        done();
      },
    });
    docker.modem.demuxStream(stream, sink, sink);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', reject);
    });
    return out;
  }

  beforeAll(async () => {
    // One attempt per job: a hostile program must never make the judge fail, and a retry (in a new
    // sandbox, after a backoff) would hide exactly that behind a verdict that came out right by luck.
    system = await startSystem({ BASTION_JOB_ATTEMPTS: '1' });
    workerId = system.env.BASTION_WORKER_ID;
    docker = new Docker();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const imported = await admin.importProblem(sumProblem(), slugs.sum);
    expect(imported.status).toBe(201);
    for (const [key, files] of Object.entries(PROBLEMS)) {
      const r = await admin.importProblem(files, slugs[key as ProblemKey]);
      expect({ key, status: r.status, body: r.body }).toMatchObject({
        key,
        status: 201,
        body: { tests: TEST_COUNT[key as ProblemKey] },
      });
    }

    // The warm pool before any submission: every one of these will be taken by a submission and destroyed.
    await until(
      `a warm sandbox for each of the ${IMAGE_COUNT} judge images`,
      async () => (await sandboxContainers()).length >= IMAGE_COUNT,
      120_000,
    );
    initialSandboxes = (await sandboxContainers()).map((c) => c.Id);

    // Through the Run button: made first, so they are not queued behind every submission below.
    const runOnce = (language: string, source: string) => admin.request('POST', '/runs', { language, source });
    runs.set('C fork bomb', runOnce('c', H.BOMBS['C fork bomb'].source));
    runs.set('Python fork bomb', runOnce('python', H.BOMBS['Python fork bomb'].source));
    runs.set('memory in one system call', runOnce('c', H.BOMBS[POPULATE].source));
    runs.set('SIGKILL to the runner', runOnce('c', H.KILL_RUNNER_C));
    runs.set('secrets probe', runOnce('c', H.SECRETS_C));
    runs.set('privilege probe', runOnce('c', H.PRIVILEGE_C));

    const apiPort = Number(new URL(system.baseUrl).port);
    const targets = networkTargets(apiPort);
    // The holes gVisor is known to leave (H.GVISOR_GAPS) are checked through POST /runs below.
    const gaps = RUNTIME === 'runsc' ? H.GVISOR_GAPS : { secrets: [], privilege: [] };
    cases.escape.push(
      {
        name: 'C: TCP/UDP to host services, bridge, internet; DNS; interfaces',
        problem: 'escape',
        language: 'c',
        source: H.netProbeC(targets),
      },
      {
        name: 'C: environment, /proc/1/environ, engine socket',
        problem: 'escape',
        language: 'c',
        source: H.tolerating(H.SECRETS_C, gaps.secrets),
      },
      {
        name: 'C: writes outside the work dir (read-only root, cgroup and kernel knobs)',
        problem: 'escape',
        language: 'c',
        source: H.FS_WRITE_C,
      },
      {
        name: 'C: ptrace, mount, unshare, setuid, chroot, capabilities',
        problem: 'escape',
        language: 'c',
        source: H.tolerating(H.PRIVILEGE_C, gaps.privilege),
      },
      {
        name: 'C: io_uring, userfaultfd, bpf, keyrings, perf_event_open, user namespaces (seccomp)',
        problem: 'escape',
        language: 'c',
        source: H.KERNEL_SURFACE_C,
      },
      {
        name: 'Python: network, DNS, environment, engine socket, root writes',
        problem: 'escape',
        language: 'python',
        source: H.escapePy(targets, gaps.secrets),
      },
      {
        name: 'JavaScript: network, DNS, environment, engine socket, root writes',
        problem: 'escape',
        language: 'javascript',
        source: H.escapeJs(targets, gaps.secrets),
      },
      {
        name: 'Java: network, DNS, environment, engine socket, root writes',
        problem: 'escape',
        language: 'java',
        source: H.escapeJava(targets, gaps.secrets),
      },
    );
    cases.relay.push(
      { name: 'C: kill(-1, SIGKILL) and signals to the runner', problem: 'relay', language: 'c', source: H.KILL_ALL_C },
      {
        name: 'C: orphans (setsid, signals ignored, double fork, pid hopping) do not reach the next test',
        problem: 'relay',
        language: 'c',
        source: H.ORPHAN_C,
      },
      {
        name: 'Python: a detached shell does not reach the next test',
        problem: 'relay',
        language: 'python',
        source: H.ORPHAN_PY,
      },
    );
    for (const [name, b] of Object.entries(H.BOMBS))
      cases.bombs.push({ name, problem: 'bombs', language: b.language, source: b.source });
    for (const [name, b] of Object.entries(H.COMPILE_BOMBS)) {
      cases.compileBombs.push({ name, problem: 'bombs', language: b.language, source: b.source });
    }
    for (const [name, b] of Object.entries(H.LEFTOVERS))
      cases.leftovers.push({ name, problem: 'relay', language: b.language, source: b.source });
    cases.other.push(
      {
        name: 'C: search the file system for the secret answer',
        problem: 'vault',
        language: 'c',
        source: H.vaultC(TOKEN),
      },
      {
        name: 'C++: SIGKILL after a memory-hungry compile',
        problem: 'bombs',
        language: 'cpp',
        source: H.SIGKILL_AFTER_BIG_COMPILE_CPP,
      },
    );

    // One queue, judged two at a time: slow and fast cases mixed, a normal submission every few.
    const hostile = [
      ...cases.leftovers,
      ...cases.bombs,
      ...cases.escape,
      ...cases.relay,
      ...cases.compileBombs,
      ...cases.other,
    ];
    const order: Case[] = [];
    hostile.forEach((c, i) => {
      order.push(c);
      if (i % 4 === 3 || i < cases.leftovers.length) order.push(control(order.length));
    });
    order.push(control(order.length));
    for (const c of order) {
      if (c.problem === 'sum') controls.push(c.name);
      await submit(c);
    }
  });

  afterAll(async () => {
    if (observed.size) {
      const rows = [...observed].map(([name, o]) => {
        const what = o.error
          ? `ERROR ${o.error.message}`
          : `${o.result.verdict} [${o.result.tests.map((t: any) => t.verdict).join(' ')}]`;
        return `${(o.elapsedMs / 1000).toFixed(1).padStart(6)} s  ${what.padEnd(22)} ${name}`;
      });
      console.log(`hostile suite: ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all\n${rows.join('\n')}`);
    }
    await system?.stop();
  });

  describe('escapes fail (the answer is `contained`)', () => {
    it.each([
      'C: TCP/UDP to host services, bridge, internet; DNS; interfaces',
      'C: environment, /proc/1/environ, engine socket',
      'C: writes outside the work dir (read-only root, cgroup and kernel knobs)',
      'C: ptrace, mount, unshare, setuid, chroot, capabilities',
      'C: io_uring, userfaultfd, bpf, keyrings, perf_event_open, user namespaces (seccomp)',
      'Python: network, DNS, environment, engine socket, root writes',
      'JavaScript: network, DNS, environment, engine socket, root writes',
      'Java: network, DNS, environment, engine socket, root writes',
    ])('%s', async (name) => {
      expectContained(await outcome(name), 'escape');
    });

    it('C: the secret answer is nowhere in the sandbox (the program prints `contained`, hence WA)', async () => {
      const r = await outcome('C: search the file system for the secret answer');
      expect(summary(r)).toMatchObject({
        status: 'done',
        verdict: 'WA',
        tests: [`secret/1: WA (token 1: expected "${TOKEN}", got "contained")`],
      });
    });
  });

  describe('nothing survives a test into the next one', () => {
    it('C: kill(-1, SIGKILL) spares the runner: all three tests are judged', async () => {
      // Linux shields PID 1 from its namespace; under gVisor the seccomp profile does (kill(1, ...) is EPERM)
      expectContained(await outcome('C: kill(-1, SIGKILL) and signals to the runner'), 'relay');
    });

    it('C: orphans planted by test 1 are gone before test 2 (no marker, no process)', async () => {
      expectContained(
        await outcome('C: orphans (setsid, signals ignored, double fork, pid hopping) do not reach the next test'),
        'relay',
      );
    });

    it('Python: a detached shell planted by test 1 is gone before test 2', async () => {
      expectContained(await outcome('Python: a detached shell does not reach the next test'), 'relay');
    });

    it.each(Object.keys(H.LEFTOVERS))('%s: every test judged, no IE', async (name) => {
      expectJudged(await outcome(name), 'relay');
    });
  });

  describe('bombs are judged, not IE, without hanging the judge', () => {
    const verdicts = (b: (typeof H.BOMBS)[string]) => (RUNTIME === 'runsc' && b.gvisor) || b.verdicts;
    it.each(Object.entries(H.BOMBS).map(([name, b]) => [name, verdicts(b).join(' or '), verdicts(b)] as const))(
      '%s: %s',
      async (name, _label, verdicts) => {
        expectJudged(await outcome(name), 'bombs', verdicts);
      },
    );

    it.each(Object.keys(H.COMPILE_BOMBS))('compile bomb %s: CE', async (name) => {
      const r = await outcome(name);
      expect(summary(r)).toMatchObject({ status: 'done', verdict: 'CE', tests: [] });
      expect(r.compileOutput).toEqual(expect.any(String));
    });
  });

  describe('verdicts stay accurate', () => {
    it('C++: a program killed by SIGKILL after a compile that used much memory is RE, not MLE', async () => {
      const r = await outcome('C++: SIGKILL after a memory-hungry compile');
      expect(summary(r)).toMatchObject({ status: 'done', verdict: 'RE', tests: ['sample/1: RE', 'secret/1: RE'] });
    });
  });

  describe('through POST /runs (the Run button): judged once, never IE', () => {
    /** A run's answer; with one job attempt (beforeAll), an IE would show a judge failure, not a retry. */
    async function ran(name: string): Promise<any> {
      const r = await runs.get(name)!;
      expect({ name, status: r.status }).toEqual({ name, status: 200 });
      expect({ name, verdict: r.body.verdict }).not.toEqual({ name, verdict: 'IE' });
      return r.body;
    }

    it('C fork bomb: TLE (under gVisor it ends its sandbox: runc would run it into its time limit)', async () => {
      expect((await ran('C fork bomb')).verdict).toBe('TLE');
    });

    it('Python fork bomb: TLE or MLE (the forks add up to the memory limit first)', async () => {
      expect(['TLE', 'MLE']).toContain((await ran('Python fork bomb')).verdict);
    });

    it('memory grabbed in one system call: MLE', async () => {
      expect((await ran('memory in one system call')).verdict).toBe('MLE');
    });

    it('SIGKILL to the runner: shielded (by the kernel under runc, by the seccomp profile under gVisor)', async () => {
      expect(await ran('SIGKILL to the runner')).toMatchObject({ verdict: 'OK', stdout: 'alive\n' });
    });

    it("escape probes: nothing of the runner is readable, except gVisor's known gaps (H.GVISOR_GAPS)", async () => {
      const expected = (gaps: readonly string[]) =>
        RUNTIME === 'runsc' ? gaps.map((g) => `escaped:${g}\n`).join('') : 'contained\n';
      expect((await ran('secrets probe')).stdout).toBe(expected(H.GVISOR_GAPS.secrets));
      expect((await ran('privilege probe')).stdout).toBe(expected(H.GVISOR_GAPS.privilege));
    });
  });

  describe('afterwards', () => {
    it('judged every normal submission made between the hostile ones AC', async () => {
      const results = await Promise.all(controls.map(async (name) => [name, summary(await outcome(name))] as const));
      for (const [name, s] of results) {
        expect({ name, ...s }).toMatchObject({ name, verdict: 'AC', status: 'done' });
      }
      expect(controls.length).toBeGreaterThanOrEqual(8);
    });

    it('still accepts a normal submission in every language', async () => {
      await Promise.all([...outcomes.values()]); // after every hostile submission is done
      for (const language of LANGS) {
        const id = await admin.submit(slugs.sum, language, SUM_AC[language]);
        const r = await waitDone(id);
        expect({ language, ...summary(r) }).toMatchObject({ language, verdict: 'AC', status: 'done' });
      }
    });

    it('keeps the worker alive and healthy', async () => {
      expect(system.workerAlive()).toBe(true);
      const health = await fetch(`${system.baseUrl}/health`);
      expect(health.status).toBe(200);
      const redis = new Redis(system.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        expect(await redis.exists(WORKER_HEARTBEAT_PREFIX + workerId)).toBe(1);
      } finally {
        redis.disconnect();
      }
    });

    it('leaves no used sandbox behind: only the warm pool, one unused container per image', async () => {
      await Promise.all([...outcomes.values()]);
      if (SESSIONS) return expectRecycledOnly();
      // used sandboxes are removed in the background after each submission: give that a moment
      const deadline = Date.now() + 30_000;
      let list = await sandboxContainers();
      const usedFirst = (c: (typeof list)[number]) => initialSandboxes.includes(c.Id) && USED_IMAGES.has(c.Image);
      const tooMany = (l: typeof list) =>
        l.length > IMAGE_COUNT || new Set(l.map((c) => c.Image)).size !== l.length || l.some(usedFirst);
      while (tooMany(list) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        list = await sandboxContainers();
      }
      const view = list.map((c) => ({ id: c.Id.slice(0, 12), image: c.Image, state: c.State, created: c.Created }));
      expect({ tooMany: tooMany(list), view }).toEqual({ tooMany: false, view });
      expect(list.length).toBeLessThanOrEqual(IMAGE_COUNT);
      expect(new Set(list.map((c) => c.Image)).size).toBe(list.length); // pool size 1 per image
      // every container of the pool at start, of a language the suite used, was taken by a submission and destroyed
      expect(list.filter(usedFirst).map((c) => c.Id)).toEqual([]);
      for (const c of list) {
        expect({ id: c.Id.slice(0, 12), state: c.State }).toEqual({ id: c.Id.slice(0, 12), state: 'running' });
        // never used: a used sandbox has at least the source file in /box, and processes besides the runner
        // (find, not ls: in a container under runsc 2022-12, `docker exec` cannot stat a tmpfs mount)
        const box = await execIn(c.Id, ['find', '/box', '/tmp', '-mindepth', '1', '-maxdepth', '1']);
        expect({ id: c.Id.slice(0, 12), box: box.trim() }).toEqual({ id: c.Id.slice(0, 12), box: '' });
      }
    });
  });

  /**
   * With sessions (runc) containers outlive their submissions, recycled into fresh sessions: at most
   * one per image (pool size 1), each running nothing but its supervisor, the session's bwrap and
   * the session's runner (what a session leaves is the sessions integration suite's to prove).
   */
  async function expectRecycledOnly(): Promise<void> {
    const deadline = Date.now() + 30_000;
    const busy = (procs: string[]) => procs.length !== 3;
    let list = await sandboxContainers();
    let seen: Record<string, string[]> = {};
    for (;;) {
      seen = {};
      for (const c of list) {
        const out = await execIn(c.Id, ['sh', '-c', 'for p in /proc/[0-9]*; do cat $p/comm 2>/dev/null; done']);
        seen[c.Id.slice(0, 12)] = out
          .trim()
          .split('\n')
          .filter((n) => n !== 'sh' && n !== 'cat')
          .sort();
      }
      const settled = list.length <= IMAGE_COUNT && !Object.values(seen).some(busy);
      if (settled || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
      list = await sandboxContainers();
    }
    expect(list.length).toBeLessThanOrEqual(IMAGE_COUNT);
    expect(new Set(list.map((c) => c.Image)).size).toBe(list.length);
    for (const [id, procs] of Object.entries(seen))
      expect({ id, procs }).toEqual({ id, procs: ['bastion-runner', 'bastion-runner', 'bwrap'] });
  }
});
