import { LANGUAGES, LanguageId } from '@bastion/contracts';
import type { SubmissionEntity } from '@bastion/db';
import type { RunnerResult, Sandbox } from '@bastion/sandbox';
import { DEFAULT_POLICY, Finding, SecurityPolicy } from '@bastion/security';
import { SecurityChecks, SecurityRun, SpareSandboxes } from './security-run';

const finding = (over: Partial<Finding> = {}): Finding => ({
  tool: 'ast-grep',
  ruleId: 'rule',
  cwe: 'CWE-120',
  severity: 'high',
  file: 'main.c',
  line: 3,
  column: 1,
  message: 'm',
  fixHint: 'h',
  ...over,
});

const result = (status: RunnerResult['status'], stderr = ''): RunnerResult => ({
  status,
  exitCode: status === 'OK' ? 0 : 1,
  signal: null,
  cpuMs: 1,
  wallMs: 1,
  memoryKb: 1,
  stdout: Buffer.alloc(0),
  stderr: Buffer.from(stderr),
});

const INPUTS = { tests: [{ name: 'secret/1', input: Buffer.from('1\n') }], timeLimitMs: 1000, memoryLimitMb: 256 };

/** Fakes that record what the run asked of them; `aside` resolves when the test says so. */
function setup(language: LanguageId, { spare = true, policy = DEFAULT_POLICY as SecurityPolicy } = {}) {
  const calls: string[] = [];
  let finishAside: (f: Finding[]) => void = () => undefined;
  const spareBox = { id: 'spare' } as unknown as Sandbox;
  const checks: SecurityChecks = {
    banned: () => [],
    check: jest.fn(async () => [finding({ tool: 'eslint', cwe: 'CWE-95', file: 'main.js' })]),
    analyze: jest.fn(async () => [finding({ line: 4 })]),
    analyzeAside: jest.fn(() => new Promise<Finding[]>((resolve) => (finishAside = resolve))),
  };
  const spares: SpareSandboxes = {
    acquireSpare: jest.fn(() => (spare ? spareBox : undefined)),
    release: jest.fn((box: Sandbox) => void calls.push(`release ${box.id}`)),
  };
  const sub = { id: 's1', language, source: 'int main(void) {\n  return 0;\n}\n' } as unknown as SubmissionEntity;
  const run = new SecurityRun(checks, spares, sub, LANGUAGES[language], policy, INPUTS);
  return { run, checks, spares, calls, finishAside: (f: Finding[]) => finishAside(f) };
}

const box = { id: 'functional', alive: true } as unknown as Sandbox;
const tick = () => new Promise((r) => setImmediate(r));

describe('SecurityRun', () => {
  it('JavaScript: the analysis starts at once in a sandbox of its own, and its findings make the outcome', async () => {
    const { run, checks } = setup('javascript');
    expect(checks.check).toHaveBeenCalledTimes(1);
    expect(run.startAside()).toBeNull();
    expect(run.inFunctionalSandbox).toBe(false);
    const out = await run.outcome();
    expect(out?.verdict).toBe('vulnerable');
    expect(out?.findings.map((f) => f.cwe)).toEqual(['CWE-95']);
    expect(await run.lost()).toBe(false);
  });

  it('C beside a spare sandbox: the spare share runs there, the rest in the functional one, both in the outcome', async () => {
    const { run, checks, spares, calls, finishAside } = setup('c');
    const settled = run.startAside();
    expect(settled).not.toBeNull();
    expect(spares.acquireSpare).toHaveBeenCalledWith(LANGUAGES.c.image);
    expect(checks.analyzeAside).toHaveBeenCalledTimes(1);
    await run.analyzeIn(box, true);
    expect(checks.analyze).toHaveBeenCalledWith(
      box,
      expect.anything(),
      expect.anything(),
      expect.objectContaining({ dynamic: true }),
      INPUTS,
      { compiles: true, spared: true },
    );
    // the tests are over before the spare's work: it is returned only once that is done
    run.release({ now: false });
    await tick();
    expect(calls).toEqual([]);
    finishAside([finding({ tool: 'asan', cwe: 'CWE-121', line: 7 })]);
    await settled;
    await tick();
    expect(calls).toEqual(['release spare']);
    const out = await run.outcome();
    expect(out?.findings.map((f) => [f.tool, f.line]).sort()).toEqual([
      ['asan', 7],
      ['ast-grep', 4],
    ]);
    run.release({ now: true });
    expect(calls).toEqual(['release spare']); // once
  });

  it('a judging that fails returns the spare sandbox at once', () => {
    const { run, calls } = setup('c');
    void run.startAside();
    run.release({ now: true });
    run.release({ now: false });
    expect(calls).toEqual(['release spare']);
  });

  it('without a spare sandbox everything runs in the functional one; a source that did not compile is not rebuilt', async () => {
    const { run, checks } = setup('c', { spare: false });
    expect(run.startAside()).toBeNull();
    await run.analyzeIn(box, false);
    expect(checks.analyze).toHaveBeenCalledWith(
      box,
      expect.anything(),
      expect.anything(),
      expect.objectContaining({ dynamic: false }),
      INPUTS,
      { compiles: false, spared: false },
    );
  });

  it('a source that did not compile is unanalysed, unless a finding already fails it', async () => {
    const { run, checks } = setup('c', { spare: false });
    (checks.analyze as jest.Mock).mockResolvedValueOnce([finding({ severity: 'low' })]);
    await run.analyzeIn(box, false);
    expect((await run.outcome([], false))?.verdict).toBe('unanalysed');
    const again = setup('c', { spare: false });
    await again.run.analyzeIn(box, false);
    expect((await again.run.outcome([], false))?.verdict).toBe('vulnerable');
  });

  it("reads the tests' runs: the hardened build's aborts (C) and the JVM's exceptions (Java), failed runs only", async () => {
    const c = setup('c', { spare: false });
    await c.run.analyzeIn(box, true);
    c.run.observe('secret/1', result('OK', '*** stack smashing detected ***: terminated\n'));
    c.run.observe('secret/2', result('RE', '*** stack smashing detected ***: terminated\n'));
    expect((await c.run.outcome())?.findings.map((f) => f.tool)).toContain('hardened-build');

    const java = setup('java', { spare: false });
    await java.run.analyzeIn(box, true);
    (java.checks.analyze as jest.Mock).mockResolvedValue([]);
    java.run.observe(
      'secret/3',
      result(
        'RE',
        'Exception in thread "main" java.lang.ArithmeticException: / by zero\n\tat Main.main(Main.java:2)\n',
      ),
    );
    const found = (await java.run.outcome())?.findings ?? [];
    expect(found).toContainEqual(expect.objectContaining({ tool: 'jvm', cwe: 'CWE-369', line: 2 }));
  });

  it('an analysis that could not run is no outcome, unless a test showed a weakness', async () => {
    const { run, checks } = setup('javascript');
    (checks.check as jest.Mock).mockResolvedValue(null);
    const lostRun = new SecurityRun(
      checks,
      { acquireSpare: () => undefined, release: () => undefined },
      { id: 's2', language: 'javascript', source: 'x' } as unknown as SubmissionEntity,
      LANGUAGES.javascript,
      DEFAULT_POLICY,
      INPUTS,
    );
    expect(await lostRun.outcome()).toBeNull();
    expect(await lostRun.lost()).toBe(true);
    const attack = finding({ tool: 'attack-test', cwe: 'CWE-20', severity: 'high' });
    expect((await lostRun.outcome([attack]))?.verdict).toBe('vulnerable');
    expect(await run.lost()).toBe(false); // the first run's check had answered
  });
});
