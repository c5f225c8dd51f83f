import { aggregate } from './scoring';

describe('aggregate', () => {
  it('is AC with full score when every test passes', () => {
    expect(
      aggregate([
        { verdict: 'AC', points: 1 },
        { verdict: 'AC', points: 1 },
      ]),
    ).toEqual({
      verdict: 'AC',
      score: 100,
      maxScore: 100,
    });
  });

  it('takes the first failure as the verdict and scores the share passed', () => {
    const r = aggregate([
      { verdict: 'AC', points: 1 },
      { verdict: 'TLE', points: 1 },
      { verdict: 'WA', points: 1 },
    ]);
    expect(r.verdict).toBe('TLE');
    expect(r.score).toBeCloseTo(33.33, 2);
  });

  it('weighs tests by points', () => {
    expect(
      aggregate([
        { verdict: 'AC', points: 3 },
        { verdict: 'WA', points: 1 },
      ]).score,
    ).toBe(75);
  });

  it('is an internal error when there is nothing to judge', () => {
    expect(aggregate([]).verdict).toBe('IE');
  });
});
