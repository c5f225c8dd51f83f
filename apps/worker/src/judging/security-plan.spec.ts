import { DEFAULT_POLICY } from '@bastion/security';
import { loadConfig } from '@bastion/config';
import { LANGUAGES } from '@bastion/contracts';
import { CONTAINER_HEADROOM_MB } from '@bastion/judging';
import { stepMemoryKb } from './compile';
import { replayLimits, securityPlan } from './security-check.service';

describe('securityPlan', () => {
  const policy = (over: Partial<typeof DEFAULT_POLICY>) => ({ ...DEFAULT_POLICY, ...over });

  it('runs the analyzers and the C/C++ sanitizer replays in the functional sandbox', () => {
    for (const lang of ['c', 'cpp'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toMatchObject({
        static: true,
        dynamic: true,
        sandbox: 'functional',
      });
      expect(securityPlan(lang, policy({ static: false, sanitizers: true }))).toMatchObject({
        static: false,
        dynamic: true,
        sandbox: 'functional',
      });
    }
    for (const lang of ['python', 'java'] as const) {
      expect(securityPlan(lang, policy({ static: true, sanitizers: true }))).toMatchObject({
        static: true,
        dynamic: false,
        sandbox: 'functional',
      });
    }
  });

  it('moves the sanitizers and the slower analyzers to a spare sandbox, when one is lent', () => {
    const spare = (lang: 'c' | 'cpp' | 'python' | 'java' | 'javascript', over = {}) =>
      securityPlan(lang, policy({ static: true, sanitizers: true, ...over })).spare;
    expect(spare('c')).toEqual(['gcc-analyzer']);
    expect(spare('c', { static: false })).toEqual([]); // the sanitizers alone
    expect(spare('c', { sanitizers: false })).toEqual(['gcc-analyzer']);
    expect(spare('cpp')).toEqual([]); // the sanitizers alone
    expect(spare('cpp', { sanitizers: false })).toBeNull(); // flawfinder alone stays
    expect(spare('python')).toEqual(['ast-grep', 'bandit', 'bastion-taint']);
    expect(spare('python', { static: false })).toBeNull();
    expect(spare('java')).toBeNull(); // ast-grep alone is not worth a container
    expect(spare('javascript')).toBeNull(); // ESLint has a sandbox of its own
  });

  it("gives JavaScript's slow ESLint run a sandbox of its own beside the tests", () => {
    expect(securityPlan('javascript', policy({ static: true }))).toEqual({
      static: true,
      dynamic: false,
      sandbox: 'own',
      spare: null,
    });
  });

  it('needs no sandbox when there is nothing to run there', () => {
    expect(securityPlan('c', policy({ static: false, sanitizers: false })).sandbox).toBe('none');
    expect(securityPlan('python', policy({ static: false, sanitizers: true })).sandbox).toBe('none');
    expect(securityPlan('javascript', policy({ static: false })).sandbox).toBe('none');
  });
});

describe('replayLimits', () => {
  const secrets = { BASTION_JWT_SECRET: 'j'.repeat(32), BASTION_WEBHOOK_SECRET: 'w'.repeat(32) };
  const runc = loadConfig(secrets);
  const limits = (timeLimitMs: number, memoryLimitMb = 256, config = runc) =>
    replayLimits({ timeLimitMs, memoryLimitMb }, LANGUAGES.c, config);

  it('gives a sanitizer replay 4 × the time limit, within 1 to 10 s, times the runtime factor', () => {
    expect(limits(1000).cpuMs).toBe(4000);
    expect(limits(100).cpuMs).toBe(1000);
    expect(limits(5000).cpuMs).toBe(10_000);
    expect(limits(1000, 256, loadConfig({ ...secrets, BASTION_SANDBOX_RUNTIME: 'runsc' }))).toMatchObject({
      cpuMs: 12_000,
      wallMs: 24_000,
    });
  });

  it('gives it twice the memory allowance plus 64 MiB, within what the container holds', () => {
    expect(limits(1000, 256).memoryKb).toBe((2 * 256 + 64) * 1024);
    expect(limits(1000, 1024).memoryKb).toBe(stepMemoryKb(runc));
    expect(stepMemoryKb(runc)).toBe((runc.sandbox.compileMemoryMb - CONTAINER_HEADROOM_MB) * 1024);
    expect(replayLimits({ timeLimitMs: 1000, memoryLimitMb: 256 }, LANGUAGES.java, runc).memoryKb).toBe(
      (2 * (256 + LANGUAGES.java.memoryExtraMb) + 64) * 1024,
    );
  });
});
