import { check } from './checkers';

describe('check', () => {
  it('tokens ignores whitespace but not case', () => {
    expect(check({ type: 'tokens' }, '1 2\n3\n', '1   2 3').ok).toBe(true);
    expect(check({ type: 'tokens' }, 'Yes', 'yes').ok).toBe(false);
    expect(check({ type: 'tokens' }, '1 2', '1').message).toMatch(/token 2: expected "2", got end of output/);
    expect(check({ type: 'tokens' }, '1', '1 2').ok).toBe(false);
    expect(check({ type: 'tokens' }, '', '\n').ok).toBe(true);
  });

  it('case-insensitive compares tokens without case', () => {
    expect(check({ type: 'case-insensitive' }, 'YES no', 'yes NO').ok).toBe(true);
    expect(check({ type: 'case-insensitive' }, 'yes', 'yess').ok).toBe(false);
  });

  it('exact keeps spaces but forgives CRLF and one final newline', () => {
    expect(check({ type: 'exact' }, 'a b\nc\n', 'a b\r\nc').ok).toBe(true);
    const r = check({ type: 'exact' }, 'a b\nc\n', 'a  b\nc\n');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/line 1/);
  });

  it('float accepts numbers within absolute or relative tolerance', () => {
    const spec = { type: 'float' as const, absTol: 1e-6, relTol: 1e-6 };
    expect(check(spec, '3.1415926', '3.14159260001').ok).toBe(true);
    expect(check(spec, '1000000', '1000000.5').ok).toBe(true);
    expect(check(spec, '1.0', '1.1').ok).toBe(false);
    expect(check(spec, 'abc 1.0', 'abc 1.0000000001').ok).toBe(true);
    expect(check(spec, 'abc', 'abd').ok).toBe(false);
    expect(check(spec, '1', 'NaN').ok).toBe(false);
  });
});
