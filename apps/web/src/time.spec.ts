import { instantToZoned, zonedToInstant } from './time';

describe('zonedToInstant', () => {
  it("reads a datetime-local value as the course's wall clock", () => {
    expect(zonedToInstant('2027-03-09T23:59', 'Asia/Seoul')).toBe('2027-03-09T14:59:00.000Z');
    expect(zonedToInstant('2027-03-09T23:59', 'UTC')).toBe('2027-03-09T23:59:00.000Z');
    expect(zonedToInstant('not a date', 'UTC')).toBeNull();
  });

  it('holds across daylight-saving changes, and puts a time that does not exist after the gap', () => {
    // New York: EST (−5) until 2027-03-14 02:00, then EDT (−4).
    expect(zonedToInstant('2027-03-13T12:00', 'America/New_York')).toBe('2027-03-13T17:00:00.000Z');
    expect(zonedToInstant('2027-03-15T12:00', 'America/New_York')).toBe('2027-03-15T16:00:00.000Z');
    const inGap = zonedToInstant('2027-03-14T02:30', 'America/New_York')!;
    expect(Date.parse(inGap)).toBeGreaterThanOrEqual(Date.parse('2027-03-14T07:00:00.000Z'));
  });

  it('round-trips with instantToZoned', () => {
    const ms = Date.parse('2027-11-07T05:30:00.000Z');
    expect(zonedToInstant(instantToZoned(ms, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2027-11-07T05:30:00.000Z');
  });
});
