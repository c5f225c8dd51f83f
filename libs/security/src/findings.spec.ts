import { dedupe, Finding, maxSeverity } from './findings';

const f = (over: Partial<Finding>): Finding => ({
  tool: 'ast-grep',
  ruleId: 'r',
  cwe: 'CWE-120',
  severity: 'medium',
  file: 'main.c',
  line: 1,
  column: 1,
  message: 'm',
  fixHint: '',
  ...over,
});

describe('dedupe', () => {
  it('merges the same file + line + CWE into one finding of the highest severity, tools joined', () => {
    const out = dedupe([
      f({ tool: 'flawfinder', ruleId: 'flawfinder.buffer.strcpy', severity: 'high', column: 5, fixHint: 'ff hint' }),
      f({ tool: 'ast-grep', ruleId: 'c-unbounded-string-copy', severity: 'critical', column: 5 }),
      f({ tool: 'ast-grep', ruleId: 'c-unbounded-string-copy', severity: 'low', column: 9 }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      tool: 'ast-grep+flawfinder',
      ruleId: 'c-unbounded-string-copy',
      severity: 'critical',
      column: 5,
      fixHint: 'ff hint',
    });
  });

  it('keeps different lines, CWEs and files apart and sorts them', () => {
    const out = dedupe([
      f({ line: 9 }),
      f({ line: 3, cwe: 'CWE-78' }),
      f({ line: 3, cwe: 'CWE-134' }),
      f({ line: 3, cwe: 'CWE-134', file: 'a.c' }),
    ]);
    expect(out.map((x) => `${x.file}:${x.line}:${x.cwe}`)).toEqual([
      'a.c:3:CWE-134',
      'main.c:3:CWE-78',
      'main.c:3:CWE-134',
      'main.c:9:CWE-120',
    ]);
  });

  it('does not duplicate tools already joined', () => {
    const out = dedupe([f({ tool: 'ast-grep+bandit' }), f({ tool: 'bandit' })]);
    expect(out[0].tool).toBe('ast-grep+bandit');
  });

  it('handles nothing', () => {
    expect(dedupe([])).toEqual([]);
    expect(maxSeverity([])).toBeNull();
    expect(maxSeverity([f({ severity: 'low' }), f({ severity: 'high' })])).toBe('high');
  });
});
