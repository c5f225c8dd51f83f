import { expectedFromFolder, meetsExpectation } from './scoring';

describe('reference solution expectations', () => {
  it('maps the folders problemtools knows, and leaves the others unchecked', () => {
    expect(expectedFromFolder('accepted')).toBe('AC');
    expect(expectedFromFolder('Wrong_Answer')).toBe('WA');
    expect(expectedFromFolder('time_limit_exceeded')).toBe('TLE');
    expect(expectedFromFolder('run_time_error')).toBe('RE');
    expect(expectedFromFolder('partially_accepted')).toBe('partial');
    expect(expectedFromFolder('slow_accepted')).toBe('any');
  });

  it('checks a verdict (and a score) against the expectation', () => {
    expect(meetsExpectation('AC', 'AC')).toBe(true);
    expect(meetsExpectation('WA', 'TLE')).toBe(false);
    expect(meetsExpectation('rejected', 'RE')).toBe(true);
    expect(meetsExpectation('rejected', 'AC')).toBe(false);
    expect(meetsExpectation('rejected', 'IE')).toBe(false);
    expect(meetsExpectation('partial', 'WA', 30)).toBe(true);
    expect(meetsExpectation('partial', 'WA', 0)).toBe(false);
    expect(meetsExpectation('partial', 'AC', 100)).toBe(false);
    expect(meetsExpectation('any', 'WA')).toBeNull();
  });
});
