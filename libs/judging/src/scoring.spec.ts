import { aggregate, GroupedTest, scoreByGroups } from './scoring';

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

describe('scoreByGroups', () => {
  const t = (name: string, verdict: GroupedTest['verdict'], points = 1): GroupedTest => ({
    name,
    kind: name.startsWith('sample') ? 'sample' : name.startsWith('attack') ? 'attack' : 'secret',
    verdict,
    points,
  });
  // Two subtasks as Kattis packages write them: accept_score 30 and 70, grader_flags min.
  const subtasks = {
    type: 'scoring' as const,
    ignoreSamples: true,
    groups: [
      { path: 'secret/group1', aggregation: 'min' as const, score: null },
      { path: 'secret/group2', aggregation: 'min' as const, score: null },
    ],
  };

  it('gives a min group its points only when all of it passes', () => {
    const r = scoreByGroups(subtasks, [
      t('sample/1', 'WA'),
      t('secret/group1/1', 'AC', 30),
      t('secret/group1/2', 'AC', 30),
      t('secret/group2/1', 'AC', 70),
      t('secret/group2/2', 'TLE', 70),
    ]);
    expect(r.score).toBe(30);
    expect(r.verdict).toBe('WA');
    expect(r.groups).toEqual([
      { name: 'secret', score: 30, maxScore: 100, verdict: 'TLE' },
      { name: 'secret/group1', score: 30, maxScore: 30, verdict: 'AC' },
      { name: 'secret/group2', score: 0, maxScore: 70, verdict: 'TLE' },
    ]);
  });

  it('adds up a sum group test by test, and scales a group that names its points', () => {
    const r = scoreByGroups(
      {
        type: 'scoring',
        ignoreSamples: true,
        groups: [
          { path: 'secret/a', aggregation: 'sum', score: 40 },
          { path: 'secret/b', aggregation: 'min', score: 60 },
        ],
      },
      [t('secret/a/1', 'AC'), t('secret/a/2', 'WA'), t('secret/b/1', 'AC'), t('secret/b/2', 'AC')],
    );
    expect(r.groups.find((g) => g.name === 'secret/a')).toMatchObject({ score: 20, maxScore: 40 });
    expect(r.groups.find((g) => g.name === 'secret/b')).toMatchObject({ score: 60, maxScore: 60 });
    expect(r.score).toBe(80);
  });

  it('counts samples when told to, and never attack tests', () => {
    const tests = [t('sample/1', 'AC'), t('secret/1', 'WA'), t('attack/1', 'RE')];
    expect(scoreByGroups({ type: 'scoring', ignoreSamples: false, groups: [] }, tests).score).toBe(50);
    expect(scoreByGroups({ type: 'scoring', ignoreSamples: true, groups: [] }, tests).score).toBe(0);
  });

  it('scores nested groups from the inside out', () => {
    const r = scoreByGroups(
      {
        type: 'scoring',
        ignoreSamples: true,
        groups: [
          { path: 'secret/g', aggregation: 'sum', score: 50 },
          { path: 'secret/g/easy', aggregation: 'min', score: null },
          { path: 'secret/g/hard', aggregation: 'min', score: null },
        ],
      },
      [t('secret/g/easy/1', 'AC', 1), t('secret/g/hard/1', 'WA', 3), t('secret/h/1', 'AC', 50)],
    );
    // g: easy 1/1 + hard 0/3 = 1/4, scaled to 12.5 of 50; h: 50 of 50.
    expect(r.groups.find((g) => g.name === 'secret/g')).toMatchObject({ score: 12.5, maxScore: 50 });
    expect(r.score).toBe(62.5);
  });

  it('answers IE for no tests and 0 when nothing can score', () => {
    expect(scoreByGroups(subtasks, []).verdict).toBe('IE');
    expect(scoreByGroups(subtasks, [t('sample/1', 'AC')]).score).toBe(0);
  });
});
