import { deriveTimeLimitMs } from './verification';

describe('deriveTimeLimitMs', () => {
  it('multiplies the slowest accepted time and rounds up to whole seconds', () => {
    expect(deriveTimeLimitMs(300, 5)).toBe(2000);
    expect(deriveTimeLimitMs(400, 5)).toBe(2000);
    expect(deriveTimeLimitMs(401, 5)).toBe(3000);
  });

  it('is at least a second and at most the cap', () => {
    expect(deriveTimeLimitMs(0, 5)).toBe(1000);
    expect(deriveTimeLimitMs(3, 2)).toBe(1000);
    expect(deriveTimeLimitMs(50_000, 5, 10_000)).toBe(10_000);
  });
});
