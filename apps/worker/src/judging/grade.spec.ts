import type { ProblemScoring } from '@bastion/contracts';
import { attackFindings, finalScore, gradeTests } from './grade';
import type { NewResult } from './run-tests';

const result = (n: number, verdict: NewResult['verdict'], kind = 'secret', name = `secret/${n}`): NewResult => ({
  submissionId: 's',
  testCaseId: `t${n}`,
  ordinal: n,
  name,
  kind,
  verdict,
  timeMs: 1,
  memoryKb: 1,
  exitCode: 0,
  message: '',
});

describe('gradeTests', () => {
  it('pass-fail: the first failing verdict, the share of points earned, attack tests aside', () => {
    const points = new Map([
      ['t1', 1],
      ['t2', 3],
    ]);
    const g = gradeTests(null, points, [result(1, 'AC'), result(2, 'WA'), result(3, 'TLE', 'attack')]);
    expect(g).toEqual({ verdict: 'WA', score: 25, maxScore: 100, groups: null });
    expect(gradeTests(null, points, [result(1, 'AC'), result(9, 'RE', 'attack')])).toMatchObject({
      verdict: 'AC',
      score: 100,
    });
  });

  it('a test whose case is unknown counts one point', () => {
    expect(gradeTests(null, new Map(), [result(1, 'AC'), result(2, 'WA')]).score).toBe(50);
  });

  it('scoring problems score by test groups', () => {
    const scoring = {
      type: 'scoring',
      ignoreSamples: true,
      groups: [
        { path: 'secret/g1', score: 40, aggregation: 'min' },
        { path: 'secret/g2', score: 60, aggregation: 'min' },
      ],
    } as unknown as ProblemScoring;
    const g = gradeTests(scoring, new Map(), [
      result(1, 'AC', 'secret', 'secret/g1/1'),
      result(2, 'WA', 'secret', 'secret/g2/1'),
    ]);
    expect(g.groups?.length).toBeGreaterThan(0);
    expect(g.score).toBeLessThan(100);
    expect(g.score).toBeGreaterThan(0);
  });
});

describe('attackFindings and finalScore', () => {
  it('one finding per failed attack test, saying when it printed forbidden output', () => {
    const findings = attackFindings(
      [result(1, 'AC', 'attack'), result(2, 'WA', 'attack'), result(3, 'RE', 'attack'), result(4, 'WA')],
      new Set(['t2']),
      'main.c',
    );
    expect(findings).toHaveLength(2);
    expect(findings[0].message).not.toEqual(findings[1].message);
  });

  it('combines the scores only when there is a security outcome', () => {
    const policy = { weight: 0.5 } as Parameters<typeof finalScore>[2];
    expect(finalScore(80, null, policy)).toBe(80);
    expect(finalScore(80, { score: 40 }, policy)).toBe(60);
  });
});
