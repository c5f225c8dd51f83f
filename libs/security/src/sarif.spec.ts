import { Finding } from './findings';
import { toSarif } from './sarif';
import { sarifValidator } from './testing/fixtures';

const validate = sarifValidator();

const findings: Finding[] = [
  {
    tool: 'ast-grep+flawfinder',
    ruleId: 'c-unbounded-string-copy',
    cwe: 'CWE-120',
    severity: 'high',
    file: 'main.c',
    line: 9,
    column: 5,
    message: 'Unbounded string copy into a fixed buffer',
    fixHint: 'Use snprintf.',
  },
  {
    tool: 'gcc-analyzer',
    ruleId: '-Wanalyzer-double-free',
    cwe: 'CWE-415',
    severity: 'critical',
    file: 'main.c',
    line: 18,
    column: 5,
    message: "double-'free' of 'p'",
    fixHint: 'Free once.',
  },
  {
    tool: 'ast-grep',
    ruleId: 'c-unbounded-string-copy',
    cwe: 'CWE-120',
    severity: 'high',
    file: 'main.c',
    line: 10,
    column: 5,
    message: 'Unbounded string copy into a fixed buffer',
    fixHint: 'Use snprintf.',
  },
  {
    tool: 'flawfinder',
    ruleId: 'flawfinder.buffer.char',
    cwe: 'CWE-119',
    severity: 'low',
    file: 'main.c',
    line: 6,
    column: 5,
    message: 'char: Statically-sized arrays',
    fixHint: '',
  },
];

describe('toSarif', () => {
  it('produces a log valid against the SARIF 2.1.0 schema', () => {
    const log = toSarif(findings, { toolName: 'Bastion', version: '0.1.0', sourceUri: 'submissions/42/main.c' });
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // and stays valid through JSON
    expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true);
  });

  it('lists each rule once with its CWE help link, and each finding as a result', () => {
    const log = toSarif(findings, { version: '0.1.0', sourceUri: 'main.c' });
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'Bastion', version: '0.1.0' });
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      'c-unbounded-string-copy',
      '-Wanalyzer-double-free',
      'flawfinder.buffer.char',
    ]);
    expect(rules[0]).toMatchObject({
      helpUri: 'https://cwe.mitre.org/data/definitions/120.html',
      fullDescription: { text: "CWE-120: Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')" },
      help: { text: 'Use snprintf.' },
      properties: { tags: ['security', 'CWE-120'] },
    });
    const results = run.results ?? [];
    expect(results).toHaveLength(4);
    expect(results[1]).toMatchObject({
      ruleId: '-Wanalyzer-double-free',
      ruleIndex: 1,
      level: 'error',
      message: { text: "double-'free' of 'p'" },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'main.c' }, region: { startLine: 18, startColumn: 5 } } },
      ],
      properties: { cwe: 'CWE-415', severity: 'critical', fixHint: 'Free once.', tools: ['gcc-analyzer'] },
      taxa: [{ id: '415', toolComponent: { name: 'CWE' } }],
    });
    expect(results[3].level).toBe('note');
    expect(results[2].ruleIndex).toBe(0);
    expect(run.taxonomies?.[0].taxa?.map((t) => t.id)).toEqual(['120', '415', '119']);
  });

  it('is checked by a validator that does reject broken logs', () => {
    const log = toSarif(findings) as unknown as { runs: { results: { level: string }[] }[]; version?: string };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    delete log.version;
    expect(validate({ ...log, runs: [{}] })).toBe(false);
  });

  it('exports an empty run when nothing was found', () => {
    const log = toSarif([]);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});
