import type { RunLimits, RunnerResult } from '@bastion/sandbox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, analyzersFor, analyzeWithReport, AnalysisBox } from './analyzers';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name));

const result = (over: Partial<RunnerResult>): RunnerResult => ({
  status: 'OK',
  exitCode: 0,
  signal: null,
  cpuMs: 10,
  wallMs: 20,
  memoryKb: 1000,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  ...over,
});

/** A sandbox stand-in answering each analyzer (by the first of its argv that names one) with a canned result. */
function fakeBox(
  answers: Record<string, RunnerResult | Error>,
): AnalysisBox & { calls: { argv: string[]; limits: RunLimits }[] } {
  const calls: { argv: string[]; limits: RunLimits }[] = [];
  return {
    calls,
    run: async (argv, _stdin, limits) => {
      calls.push({ argv, limits });
      const a = answers[argv.find((x) => x in answers) ?? ''];
      if (a instanceof Error) throw a;
      return a ?? result({});
    },
  };
}

describe('analyzersFor', () => {
  it('runs ast-grep everywhere and the language tools where they exist', () => {
    const names = (l: Parameters<typeof analyzersFor>[0], f: string) => analyzersFor(l, f).map((a) => a.name);
    expect(names('c', 'main.c')).toEqual(['ast-grep', 'flawfinder', 'gcc-analyzer']);
    expect(names('cpp', 'main.cpp')).toEqual(['ast-grep', 'flawfinder']);
    expect(names('python', 'main.py')).toEqual(['ast-grep', 'bandit', 'bastion-taint']);
    expect(names('java', 'Main.java')).toEqual(['ast-grep']);
    expect(names('javascript', 'main.js')).toEqual(['ast-grep', 'eslint']);
    for (const a of analyzersFor('c', 'main.c')) expect(a.argv[a.argv.length - 1]).toBe('main.c');
    expect(analyzersFor('c', 'main.c')[0].argv).toEqual([
      'ast-grep',
      'scan',
      '--config',
      '/opt/bastion/rules/sgconfig-c.yml',
      '--json=stream',
      '--include-metadata',
      'main.c',
    ]);
  });
});

describe('analyze', () => {
  it('parses every analyzer, dedupes across tools and applies the limits', async () => {
    const box = fakeBox({
      'ast-grep': result({ exitCode: 1, status: 'RE', stdout: fixture('ast-grep-c.jsonl') }),
      flawfinder: result({ stdout: fixture('flawfinder.csv') }),
      gcc: result({ stderr: fixture('gcc-analyzer.txt') }),
    });
    const report = await analyzeWithReport(box, 'c', 'main.c');
    expect(report.runs.map((r) => [r.analyzer, r.ok])).toEqual([
      ['ast-grep', true],
      ['flawfinder', true],
      ['gcc-analyzer', true],
    ]);
    expect(box.calls[0].limits).toEqual({ cpuMs: 20_000, wallMs: 30_000, outputBytes: 4 << 20, memoryKb: 0 });
    const strcpy = report.findings.filter((f) => f.line === 9);
    expect(strcpy).toEqual([
      expect.objectContaining({
        tool: 'ast-grep+flawfinder',
        cwe: 'CWE-120',
        severity: 'high',
        ruleId: 'c-unbounded-string-copy',
      }),
    ]);
    // gets: ast-grep's CWE-242 (critical) and flawfinder's CWE-120 (critical) stay two findings
    expect(report.findings.filter((f) => f.line === 8).map((f) => f.cwe)).toEqual(['CWE-120', 'CWE-242']);
    expect(report.findings.find((f) => f.line === 18)).toMatchObject({ tool: 'gcc-analyzer', cwe: 'CWE-415' });
  });

  it('skips analyzers that time out, fail, print garbage or lose the sandbox, and logs them', async () => {
    const box = fakeBox({
      'ast-grep': result({ status: 'TLE', exitCode: null, signal: 9 }),
      flawfinder: result({ stdout: Buffer.from('{"not":"csv"}') }),
      gcc: new Error('sandbox container closed its stream'),
    });
    const log: string[] = [];
    const report = await analyzeWithReport(box, 'c', 'main.c', { log: (m) => log.push(m), limits: { cpuMs: 5000 } });
    expect(report.findings).toEqual([]);
    expect(report.runs.map((r) => [r.analyzer, r.ok, r.status])).toEqual([
      ['ast-grep', false, 'TLE'],
      ['flawfinder', false, 'PARSE'],
      ['gcc-analyzer', false, 'SANDBOX'],
    ]);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/ast-grep skipped: TLE/);
    expect(box.calls[0].limits.cpuMs).toBe(5000);
  });

  it('treats an unexpected exit code as a failure and drops findings in other files', async () => {
    const box = fakeBox({
      'ast-grep': result({ stdout: Buffer.from('') }),
      node: result({ exitCode: 2, status: 'RE', stderr: Buffer.from('Oops! Something went wrong!') }),
    });
    const log: string[] = [];
    expect(await analyze(box, 'javascript', 'main.js', { log: (m) => log.push(m) })).toEqual([]);
    expect(log).toEqual([expect.stringMatching(/eslint skipped: EXIT 2: Oops/)]);

    const gcc = fakeBox({
      gcc: result({ stderr: Buffer.from('/usr/include/x.h:1:1: warning: y [CWE-476] [-Wanalyzer-null-argument]\n') }),
    });
    expect(await analyze(gcc, 'c', 'main.c', { only: ['gcc-analyzer'] })).toEqual([]);
  });

  it('does not compile again a source whose build failed', async () => {
    const box = fakeBox({
      'ast-grep': result({}),
      flawfinder: result({ stdout: fixture('flawfinder.csv') }),
      gcc: result({ stderr: fixture('gcc-analyzer.txt') }),
    });
    const report = await analyzeWithReport(box, 'c', 'main.c', { compiles: false });
    expect(report.runs.map((r) => r.analyzer)).toEqual(['ast-grep', 'flawfinder']);
    expect(box.calls.map((c) => c.argv[0])).not.toContain('gcc');
  });
});
