import { DEFAULT_POLICY } from '@bastion/security';
import { replayCpuMs, securityPlan } from './security-check.service';

describe('securityPlan', () => {
  const policy = (over: Partial<typeof DEFAULT_POLICY>) => ({ ...DEFAULT_POLICY, ...over });

  it('runs the analyzers and the C/C++ sanitizer replays in the functional sandbox', () => {
    for (const lang of ['c', 'cpp'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toEqual({
        static: true,
        dynamic: true,
        sandbox: 'functional',
      });
      expect(securityPlan(lang, policy({ static: false, sanitizers: true }))).toEqual({
        static: false,
        dynamic: true,
        sandbox: 'functional',
      });
    }
    for (const lang of ['python', 'java'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toEqual({
        static: true,
        dynamic: false,
        sandbox: 'functional',
      });
    }
  });

  it("gives JavaScript's slow ESLint run a sandbox of its own beside the tests", () => {
    expect(securityPlan('javascript', policy({ static: true }))).toEqual({
      static: true,
      dynamic: false,
      sandbox: 'own',
    });
  });

  it('needs no sandbox when there is nothing to run there', () => {
    expect(securityPlan('c', policy({ static: false, sanitizers: false })).sandbox).toBe('none');
    expect(securityPlan('python', policy({ static: false, sanitizers: true })).sandbox).toBe('none');
    expect(securityPlan('javascript', policy({ static: false })).sandbox).toBe('none');
  });
});

describe('replayCpuMs', () => {
  it('gives a sanitizer replay 4 × the time limit, within 1 to 10 s', () => {
    expect(replayCpuMs(1000)).toBe(4000);
    expect(replayCpuMs(100)).toBe(1000);
    expect(replayCpuMs(5000)).toBe(10_000);
  });
});
