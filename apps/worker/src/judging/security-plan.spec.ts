import { DEFAULT_POLICY } from '@bastion/security';
import { securityPlan } from './security-check.service';

describe('securityPlan', () => {
  const policy = (over: Partial<typeof DEFAULT_POLICY>) => ({ ...DEFAULT_POLICY, ...over });

  it('runs the static analyzers of C and C++ in the functional sandbox while the sanitizers run apart', () => {
    for (const lang of ['c', 'cpp'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toEqual({
        static: true,
        dynamic: true,
        staticInFunctionalBox: true,
        ownBox: true,
      });
    }
  });

  it('keeps the static analyzers in their own sandbox when nothing else needs one', () => {
    for (const lang of ['python', 'java', 'javascript'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toMatchObject({
        dynamic: false,
        staticInFunctionalBox: false,
        ownBox: true,
      });
    }
    expect(securityPlan('c', policy({ static: true, sanitizers: false }))).toMatchObject({
      staticInFunctionalBox: false,
      ownBox: true,
    });
  });

  it('needs no sandbox of its own when static analysis and sanitizers are off', () => {
    expect(securityPlan('c', policy({ static: false, sanitizers: false })).ownBox).toBe(false);
    expect(securityPlan('python', policy({ static: false, sanitizers: true })).ownBox).toBe(false);
    expect(securityPlan('c', policy({ static: false, sanitizers: true }))).toMatchObject({
      staticInFunctionalBox: false,
      ownBox: true,
    });
  });
});
