import { RunnerResult, Sandbox, SandboxTakenDown } from '@bastion/sandbox';
import { NewResult, runTests, StageTest, TestsDeps, TestsSettings } from './run-tests';
import type { CustomCheckerSession } from './custom-checker';

const ran = (status: RunnerResult['status'], stdout = '', over: Partial<RunnerResult> = {}): RunnerResult => ({
  status,
  exitCode: status === 'OK' ? 0 : 1,
  signal: null,
  cpuMs: 40,
  wallMs: 50,
  memoryKb: 1024,
  stdout: Buffer.from(stdout),
  stderr: Buffer.alloc(0),
  ...over,
});

const test = (n: number, over: Partial<StageTest> = {}): StageTest => ({
  id: `t${n}`,
  name: `secret/${n}`,
  ordinal: n,
  kind: 'secret',
  checkAnswer: true,
  answerHash: `h${n}`,
  forbidden: [],
  ...over,
});

/** A sandbox that answers each run with the next of `answers` (a function may throw). */
function fakeBox(id: string, answers: (RunnerResult | (() => RunnerResult))[]) {
  const run = jest.fn(async () => {
    const a = answers.shift();
    if (!a) throw new Error('no more runs expected');
    return typeof a === 'function' ? a() : a;
  });
  return { id, run } as unknown as Sandbox & { run: jest.Mock };
}

/** A lease of `box` (see SandboxLease): replace() swaps the sandbox, giving the old one back. */
function leaseOf(box: Sandbox) {
  const given: string[] = [];
  const lease = {
    box,
    replace(fresh: Sandbox) {
      given.push(lease.box.id);
      lease.box = fresh;
    },
  };
  return { lease, given };
}

const SETTINGS: TestsSettings = {
  submissionId: 's1',
  language: 'c',
  argv: ['./main'],
  limits: { cpuMs: 1000, wallMs: 2000, outputBytes: 1 << 20, memoryKb: 0, containerMemoryMb: 512 },
  checker: { type: 'tokens' },
  timeFactor: 1,
};

function deps(answers: Record<string, string>, fresh?: Sandbox) {
  const seen: string[] = [];
  const published: NewResult[] = [];
  const d: TestsDeps = {
    answer: async (t) => Buffer.from(answers[t.answerHash] ?? ''),
    rebuild: jest.fn(async () => fresh ?? fakeBox('fresh', [])),
    progress: async (r) => void published.push(r),
    observe: (name, r) => void seen.push(`${name} ${r.status}`),
  };
  return { d, seen, published };
}

describe('runTests', () => {
  it('decides each test by its run, then by the checker, publishing each as it goes', async () => {
    const box = fakeBox('b', [ran('OK', '3\n'), ran('OK', '4\n'), ran('TLE'), ran('RE')]);
    const { d, seen, published } = deps({ h1: '3', h2: '5', h3: '1', h4: '1' });
    const { lease, given } = leaseOf(box);
    const out = await runTests(
      lease,
      [test(1), test(2), test(3), test(4)],
      [1, 2, 3, 4].map((n) => Buffer.from(`${n}`)),
      SETTINGS,
      d,
    );
    expect(out.results.map((r) => r.verdict)).toEqual(['AC', 'WA', 'TLE', 'RE']);
    expect(out.results[1].message).toMatch(/expected "5", got "4"|token/);
    expect(published.map((r) => r.name)).toEqual(['secret/1', 'secret/2', 'secret/3', 'secret/4']);
    expect(seen).toEqual(['secret/1 OK', 'secret/2 OK', 'secret/3 TLE', 'secret/4 RE']);
    expect(lease.box).toBe(box);
    expect(given).toEqual([]);
    expect(box.run).toHaveBeenCalledWith(['./main'], Buffer.from('1'), SETTINGS.limits);
  });

  it('a program that took its sandbox down is judged by what it did, and the next tests get a fresh sandbox', async () => {
    const box = fakeBox('b', [
      () => {
        throw new SandboxTakenDown('the program filled its memory at once', ran('MLE'));
      },
    ]);
    const fresh = fakeBox('fresh', [ran('OK', '2\n')]);
    const { d } = deps({ h1: '1', h2: '2' }, fresh);
    const { lease, given } = leaseOf(box);
    const out = await runTests(lease, [test(1), test(2)], [Buffer.from('1'), Buffer.from('2')], SETTINGS, d);
    expect(out.results.map((r) => [r.verdict, r.message])).toEqual([
      ['MLE', 'the program filled its memory at once'],
      ['AC', expect.any(String)],
    ]);
    expect(d.rebuild).toHaveBeenCalledWith(512);
    expect(lease.box).toBe(fresh);
    expect(given).toEqual(['b']); // the lost sandbox went back
  });

  it('does not rebuild after the last test', async () => {
    const box = fakeBox('b', [
      () => {
        throw new SandboxTakenDown('gone', ran('TLE'));
      },
    ]);
    const { d } = deps({});
    await runTests(leaseOf(box).lease, [test(1)], [Buffer.alloc(0)], SETTINGS, d);
    expect(d.rebuild).not.toHaveBeenCalled();
  });

  it("fails the judging on the runner's own failure, and on any other sandbox error", async () => {
    const { d } = deps({ h1: '1' });
    await expect(
      runTests(leaseOf(fakeBox('b', [ran('ERR')])).lease, [test(1)], [Buffer.alloc(0)], SETTINGS, d),
    ).rejects.toThrow(/runner failed on test secret\/1/);
    const broken = fakeBox('b', [
      () => {
        throw new Error('docker went away');
      },
    ]);
    await expect(runTests(leaseOf(broken).lease, [test(1)], [Buffer.alloc(0)], SETTINGS, d)).rejects.toThrow(
      'docker went away',
    );
  });

  it('forbidden output is WA whatever the answer, remembered for the attack finding; unchecked tests pass on a clean run', async () => {
    const box = fakeBox('b', [ran('OK', 'root:x:0:0\n'), ran('OK', 'anything\n')]);
    const { d } = deps({ h1: 'root:x:0:0' });
    const tests = [
      test(1, { kind: 'attack', forbidden: ['root:x:'] }),
      test(2, { kind: 'attack', checkAnswer: false }),
    ];
    const out = await runTests(leaseOf(box).lease, tests, [Buffer.alloc(0), Buffer.alloc(0)], SETTINGS, d);
    expect(out.results.map((r) => r.verdict)).toEqual(['WA', 'AC']);
    expect(out.results[0].message).toBe('printed forbidden output "root:x:"');
    expect([...out.printedForbidden]).toEqual(['t1']);
  });

  it("asks a custom checker, with the test's input, answer and output", async () => {
    const custom = { check: jest.fn(async () => ({ ok: false, message: 'wrong path' })) };
    const { d } = deps({ h1: '7' });
    const out = await runTests(
      leaseOf(fakeBox('b', [ran('OK', '8\n')])).lease,
      [test(1)],
      [Buffer.from('in')],
      { ...SETTINGS, checker: custom as unknown as CustomCheckerSession },
      d,
    );
    expect(custom.check).toHaveBeenCalledWith(Buffer.from('in'), Buffer.from('7'), Buffer.from('8\n'));
    expect(out.results[0]).toMatchObject({ verdict: 'WA', message: 'wrong path' });
  });

  it('reports times without the worker’s CPU factor, and the JVM running out of heap as MLE', async () => {
    const oom = ran('RE', '', { stderr: Buffer.from('java.lang.OutOfMemoryError: Java heap space'), cpuMs: 300 });
    const { d } = deps({});
    const out = await runTests(
      leaseOf(fakeBox('b', [oom])).lease,
      [test(1)],
      [Buffer.alloc(0)],
      { ...SETTINGS, language: 'java', timeFactor: 1.5 },
      d,
    );
    expect(out.results[0]).toMatchObject({ verdict: 'MLE', timeMs: 200 });
  });
});
