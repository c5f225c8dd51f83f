import {
  afterPenalty,
  AssignmentWindow,
  counted,
  GradedAttempt,
  pointsEarned,
  problemStatus,
  scoreboard,
  timing,
} from './assignment-rules';

const at = (iso: string) => new Date(iso);
const window = (over: Partial<AssignmentWindow> = {}): AssignmentWindow => ({
  opensAt: at('2026-03-02T00:00:00Z'),
  closesAt: at('2026-03-09T14:59:59Z'), // 23:59:59 in Seoul
  latePolicy: null,
  practiceAfterCutoff: false,
  ...over,
});

describe('timing', () => {
  it('is on time up to and at the deadline, and not open before the opening', () => {
    expect(timing(window(), at('2026-03-09T14:59:58Z'))).toEqual({ kind: 'on-time' });
    expect(timing(window(), at('2026-03-09T14:59:59Z'))).toEqual({ kind: 'on-time' });
    expect(timing(window(), at('2026-03-01T23:59:59Z'))).toEqual({ kind: 'not-open' });
  });

  it('without a late policy, closes at the deadline (or takes practice)', () => {
    expect(timing(window(), at('2026-03-09T15:00:00Z'))).toEqual({ kind: 'closed' });
    expect(timing(window({ practiceAfterCutoff: true }), at('2026-03-09T15:00:00Z'))).toEqual({ kind: 'practice' });
  });

  it('charges each started day or hour after the deadline, up to the cutoff', () => {
    const w = window({ latePolicy: { per: 'day', penaltyPercent: 10, cutoffAt: '2026-03-12T14:59:59Z' } });
    expect(timing(w, at('2026-03-09T15:00:00Z'))).toEqual({ kind: 'late', units: 1, penaltyPercent: 10 });
    expect(timing(w, at('2026-03-10T14:59:59Z'))).toEqual({ kind: 'late', units: 1, penaltyPercent: 10 });
    expect(timing(w, at('2026-03-10T15:00:00Z'))).toEqual({ kind: 'late', units: 2, penaltyPercent: 20 });
    expect(timing(w, at('2026-03-12T14:59:59Z'))).toEqual({ kind: 'late', units: 3, penaltyPercent: 30 });
    expect(timing(w, at('2026-03-12T15:00:00Z'))).toEqual({ kind: 'closed' });
    const hourly = window({ latePolicy: { per: 'hour', penaltyPercent: 40, cutoffAt: null } });
    expect(timing(hourly, at('2026-03-09T17:30:00Z'))).toEqual({ kind: 'late', units: 3, penaltyPercent: 100 });
  });
});

describe('counting', () => {
  const attempt = (id: string, minute: number, score: number | null, penaltyPercent = 0): GradedAttempt => ({
    id,
    createdAt: new Date(Date.UTC(2026, 2, 9, 12, minute)),
    score,
    penaltyPercent,
    accepted: score === 100,
    vulnerable: false,
  });

  it('best: the highest score after penalty, the earlier of equals', () => {
    const list = [attempt('a', 1, 60), attempt('b', 2, 100, 50), attempt('c', 3, 60), attempt('d', 4, null)];
    expect(counted(list, 'best')?.id).toBe('a');
    expect(counted([...list, attempt('e', 5, 90, 10)], 'best')?.id).toBe('e');
  });

  it('last: the latest submitted, even while it is judged', () => {
    expect(counted([attempt('a', 1, 100), attempt('b', 2, 0)], 'last')?.id).toBe('b');
    expect(counted([attempt('a', 1, 100), attempt('b', 2, null)], 'last')?.id).toBe('b');
    expect(counted([], 'last')).toBeNull();
  });

  it('points earned are the problem points times the score after penalty', () => {
    expect(afterPenalty(90, 10)).toBe(81);
    expect(pointsEarned(attempt('a', 1, 90, 10), 20)).toBe(16.2);
    expect(pointsEarned(attempt('a', 1, null), 20)).toBe(0);
    expect(pointsEarned(null, 20)).toBe(0);
  });

  it('status: accepted beats accepted but vulnerable beats tried', () => {
    const vulnerable = { ...attempt('v', 1, 0), vulnerable: true };
    expect(problemStatus([])).toBe('not-tried');
    expect(problemStatus([attempt('a', 1, 40)])).toBe('tried');
    expect(problemStatus([attempt('a', 1, 40), vulnerable])).toBe('accepted-vulnerable');
    expect(problemStatus([vulnerable, attempt('b', 2, 100)])).toBe('accepted');
  });
});

describe('scoreboard', () => {
  const startsAt = at('2026-03-09T10:00:00Z');
  const m = (minute: number) => new Date(startsAt.getTime() + minute * 60_000);
  // A fixed history: who submitted what, when.
  const students = [
    {
      id: '1',
      name: 'Ahn',
      attempts: [
        { problem: 'A', createdAt: m(10), accepted: false, score: 0 },
        { problem: 'A', createdAt: m(15), accepted: true, score: 100 },
        { problem: 'B', createdAt: m(50), accepted: true, score: 100 },
        { problem: 'B', createdAt: m(55), accepted: false, score: 0 }, // after solving: ignored
      ],
    },
    {
      id: '2',
      name: 'Baek',
      attempts: [
        { problem: 'A', createdAt: m(5), accepted: true, score: 100 },
        { problem: 'B', createdAt: m(40), accepted: true, score: 100 },
      ],
    },
    { id: '3', name: 'Cho', attempts: [{ problem: 'A', createdAt: m(20), accepted: false, score: 40 }] },
    { id: '4', name: 'Choi', attempts: [{ problem: 'A', createdAt: m(45), accepted: true, score: null }] }, // judging
    { id: '5', name: 'Do', attempts: [] },
  ];

  it('ranks ICPC style: solved, then penalty minutes (20 per rejected attempt before the first accepted one)', () => {
    const rows = scoreboard(students, { startsAt, by: 'icpc' });
    expect(rows.map((r) => [r.rank, r.student, r.solved, r.penalty])).toEqual([
      [1, 'Baek', 2, 45],
      [2, 'Ahn', 2, 85], // 15 + 20 + 50
      [3, 'Cho', 0, 0],
      [3, 'Choi', 0, 0],
      [3, 'Do', 0, 0],
    ]);
    expect(rows[1].problems.A).toEqual({ attempts: 2, solvedAtMinute: 15, best: 100 });
  });

  it('ranks scoring problems by the sum of best scores, then by when the last improvement came', () => {
    const rows = scoreboard(students, { startsAt, by: 'score' });
    expect(rows.map((r) => [r.rank, r.student, r.score])).toEqual([
      [1, 'Baek', 200],
      [2, 'Ahn', 200],
      [3, 'Cho', 40],
      [4, 'Choi', 0],
      [4, 'Do', 0],
    ]);
  });
});
