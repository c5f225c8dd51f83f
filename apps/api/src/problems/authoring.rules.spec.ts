import { DEFAULT_POLICY } from '@bastion/security';
import { ApiError } from '../common/api-error';
import { AUTHORING_LIMITS } from './authoring.limits';
import {
  assertCanEdit,
  builtinChecker,
  securityPolicy,
  shortTestName,
  storedTestName,
  testRow,
} from './authoring.rules';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? `${e.getStatus()} ${e.code}` : `not an ApiError: ${String(e)}`;
  }
  return undefined;
};

describe('authoring rules', () => {
  it('lets the author and admins edit, nobody else', () => {
    expect(code(() => assertCanEdit({ id: 'a', role: 'instructor' }, { authorId: 'a' }))).toBeUndefined();
    expect(code(() => assertCanEdit({ id: 'x', role: 'admin' }, { authorId: 'a' }))).toBeUndefined();
    expect(code(() => assertCanEdit({ id: 'b', role: 'instructor' }, { authorId: 'a' }))).toBe('403 FORBIDDEN');
    expect(code(() => assertCanEdit({ id: 'b', role: 'instructor' }, { authorId: null }))).toBe('403 FORBIDDEN');
  });

  it('builds built-in checkers and refuses custom ones and stray tolerances', () => {
    expect(builtinChecker({ type: 'exact' })).toEqual({ type: 'exact' });
    expect(builtinChecker({ type: 'float', absTol: 1e-6, relTol: 0 })).toEqual({
      type: 'float',
      absTol: 1e-6,
      relTol: 0,
    });
    expect(code(() => builtinChecker({ type: 'float', absTol: 1e-6 }))).toBe('400 BAD_CHECKER');
    expect(code(() => builtinChecker({ type: 'tokens', relTol: 1 }))).toBe('400 BAD_CHECKER');
    expect(code(() => builtinChecker({ type: 'custom' }))).toBe('400 BAD_CHECKER');
  });

  it('lays a partial security policy over the current one, in either shape', () => {
    const base = { ...DEFAULT_POLICY, weight: 0.3, bannedApis: ['gets'], disabledRules: ['r1'] };
    expect(securityPolicy({ failOn: 'critical' }, base)).toEqual({ ...base, failOn: 'critical' });
    expect(securityPolicy({ disabledRules: ['r2'] }, base).disabledRules).toEqual(['r2']);
    expect(securityPolicy({ rules: { disable: ['r3'] } }, base).disabledRules).toEqual(['r3']);
    expect(securityPolicy({})).toEqual(DEFAULT_POLICY);
    expect(code(() => securityPolicy({ weight: 2 }))).toBe('400 BAD_SECURITY_POLICY');
    expect(code(() => securityPolicy({ failOn: 'sometimes' }))).toBe('400 BAD_SECURITY_POLICY');
    expect(code(() => securityPolicy({ sanitisers: true }))).toBe('400 BAD_SECURITY_POLICY');
    expect(code(() => securityPolicy({ rules: ['x'] }))).toBe('400 BAD_SECURITY_POLICY');
    expect(code(() => securityPolicy({ rules: { disable: [] }, disabledRules: [] }))).toBe('400 BAD_SECURITY_POLICY');
    expect(code(() => securityPolicy([]))).toBe('400 BAD_SECURITY_POLICY');
  });

  it('stores test names under their kind, as the package importer does', () => {
    expect(storedTestName('secret', '1')).toBe('secret/1');
    expect(storedTestName('secret', 'secret/big/1')).toBe('secret/big/1');
    expect(storedTestName('attack', 'long-name')).toBe('attack/long-name');
    expect(shortTestName('secret/big/1')).toBe('big/1');
    expect(shortTestName('odd')).toBe('odd');
    for (const bad of ['../x', 'a//b', 'a b', 'secret', 'sample/1', '.', 'x/..', 'a'.repeat(101)])
      expect(code(() => storedTestName('secret', bad))).toBe('400 BAD_TEST_NAME');
  });

  it('makes test rows with content hashes, and checks answers, forbidden output and sizes', () => {
    const base = { name: 'secret/1', kind: 'secret' as const, points: 1, forbidden: [] };
    const row = testRow({ ...base, input: Buffer.from('1 2\n'), answer: Buffer.from('3\n') });
    expect(row).toMatchObject({ checkAnswer: true, inputHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(row.inputHash).not.toBe(row.answerHash);
    const attack = testRow({ ...base, kind: 'attack', input: Buffer.from('x'), answer: null, forbidden: ['PWN'] });
    expect(attack).toMatchObject({ checkAnswer: false, answer: Buffer.alloc(0), forbidden: ['PWN'] });
    expect(code(() => testRow({ ...base, input: Buffer.from('x'), answer: null }))).toBe('400 ANSWER_REQUIRED');
    expect(code(() => testRow({ ...base, input: Buffer.from('x'), answer: Buffer.from('y'), forbidden: ['z'] }))).toBe(
      '400 FORBIDDEN_OUTPUT_NOT_ALLOWED',
    );
    const big = Buffer.alloc(AUTHORING_LIMITS.testFileBytes + 1);
    expect(code(() => testRow({ ...base, input: big, answer: Buffer.from('y') }))).toBe('413 TEST_TOO_LARGE');
  });
});
