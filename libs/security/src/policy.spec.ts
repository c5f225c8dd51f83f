import { Finding } from './findings';
import {
  attackFinding,
  bannedApiFindings,
  forbiddenOutput,
  combinedScore,
  DEFAULT_POLICY,
  parsePolicy,
  securityOutcome,
} from './policy';

const f = (severity: Finding['severity'], ruleId = 'c.gets'): Finding => ({
  tool: 'ast-grep',
  ruleId,
  cwe: 'CWE-242',
  severity,
  file: 'main.c',
  line: 3,
  column: 1,
  message: 'm',
  fixHint: 'h',
});

describe('parsePolicy', () => {
  it('defaults when absent and reads every key', () => {
    expect(parsePolicy(undefined)).toEqual(DEFAULT_POLICY);
    expect(
      parsePolicy({
        weight: 0.3,
        static: false,
        sanitizers: true,
        bannedApis: ['strcpy'],
        rules: { disable: ['c.system'] },
        failOn: 'medium',
      }),
    ).toEqual({
      weight: 0.3,
      static: false,
      sanitizers: true,
      bannedApis: ['strcpy'],
      disabledRules: ['c.system'],
      failOn: 'medium',
    });
  });

  it('names the key that is wrong', () => {
    expect(() => parsePolicy({ weight: 2 })).toThrow(/weight/);
    expect(() => parsePolicy({ failOn: 'severe' })).toThrow(/failOn/);
    expect(() => parsePolicy({ bannedApis: ['rm -rf'] })).toThrow(/bannedApis/);
    expect(() => parsePolicy([])).toThrow(/mapping/);
  });
});

describe('bannedApiFindings', () => {
  it('finds calls by name, not in comments, strings or longer names', () => {
    const src = 'int main(){\n  strcpy(a,b); // strcpy(x)\n  my_strcpy(a);\n  puts("strcpy(");\n  x.strcpy(1);\n}\n';
    const found = bannedApiFindings(src, 'main.c', ['strcpy']);
    expect(found.map((x) => [x.line, x.column])).toEqual([[2, 3]]);
    expect(found[0]).toMatchObject({ cwe: 'CWE-676', severity: 'high', ruleId: 'banned-api.strcpy' });
  });
});

describe('securityOutcome', () => {
  it('is secure with full score without findings', () => {
    expect(securityOutcome([], DEFAULT_POLICY)).toEqual({ verdict: 'secure', score: 100, maxScore: 100, findings: [] });
  });

  it('calls a program that could not be analysed unanalysed (score 0), never secure, unless a finding already fails it', () => {
    const unanalysed = { analysed: false };
    expect(securityOutcome([], DEFAULT_POLICY, unanalysed)).toMatchObject({ verdict: 'unanalysed', score: 0 });
    expect(securityOutcome([f('medium')], DEFAULT_POLICY, unanalysed)).toMatchObject({
      verdict: 'unanalysed',
      score: 0,
    });
    expect(securityOutcome([f('high')], DEFAULT_POLICY, unanalysed)).toMatchObject({
      verdict: 'vulnerable',
      score: 75,
    });
  });

  it('deducts per severity and fails at the failOn severity', () => {
    expect(securityOutcome([f('medium'), f('low')], DEFAULT_POLICY)).toMatchObject({ verdict: 'secure', score: 90 });
    expect(securityOutcome([f('low'), f('low')], DEFAULT_POLICY)).toMatchObject({ verdict: 'secure', score: 100 });
    expect(securityOutcome([f('critical'), f('critical'), f('high')], DEFAULT_POLICY)).toMatchObject({
      verdict: 'vulnerable',
      score: 0,
    });
    expect(securityOutcome([f('high')], { ...DEFAULT_POLICY, failOn: 'none' }).verdict).toBe('secure');
  });

  it('leaves out disabled rules', () => {
    expect(
      securityOutcome([f('critical', 'c.gets')], { ...DEFAULT_POLICY, disabledRules: ['c.gets'] }).findings,
    ).toEqual([]);
  });

  it('weighs the two halves', () => {
    expect(combinedScore(100, 50, 0.3)).toBe(85);
    expect(combinedScore(100, 0, 0)).toBe(100);
  });
});

describe('attack tests', () => {
  it('finds forbidden output and turns a failed attack into a finding', () => {
    expect(forbiddenOutput(Buffer.from('hello uid=0(root)'), ['uid='])).toBe('uid=');
    expect(forbiddenOutput(Buffer.from('hello'), ['uid='])).toBeNull();
    expect(attackFinding('attack/long', 'RE', false, 'main.c')).toMatchObject({
      cwe: 'CWE-20',
      severity: 'critical',
      ruleId: 'attack.long',
    });
    expect(attackFinding('attack/x', 'WA', false, 'main.c').severity).toBe('high');
    expect(attackFinding('attack/x', 'WA', true, 'main.c')).toMatchObject({
      severity: 'critical',
      message: 'On the attack input attack/x the program printed output the problem forbids',
    });
  });
});
