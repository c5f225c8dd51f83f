import { LANGUAGES } from '@bastion/contracts';
import { executionLimits, reportedTimeMs, runCommand } from './limits';

describe('executionLimits', () => {
  const p = { timeLimitMs: 1000, memoryLimitMb: 256, outputLimitBytes: 1 << 20 };

  it('gives C the problem limits and a wall clock of twice the CPU limit plus a second', () => {
    const l = executionLimits(p, LANGUAGES.c);
    expect(l).toMatchObject({ cpuMs: 1000, wallMs: 3000, memoryKb: 256 * 1024, outputBytes: 1 << 20 });
    expect(l.containerMemoryMb).toBeGreaterThan(256);
  });

  it('scales Java time and gives the JVM room beyond the heap', () => {
    const l = executionLimits(p, LANGUAGES.java, 5 * 1024 * 1024);
    expect(l.cpuMs).toBe(2000);
    expect(l.memoryKb).toBeGreaterThan(256 * 1024);
    expect(l.containerMemoryMb).toBeGreaterThanOrEqual(256 + 128 + 5);
  });

  it('scales CPU time by the runtime factor and takes it out of measured times again', () => {
    const l = executionLimits(p, LANGUAGES.java, 0, { timeFactor: 3, scratchMb: 100 });
    expect(l).toMatchObject({ cpuMs: 6000, wallMs: 13_000 });
    expect(l.containerMemoryMb).toBe(executionLimits(p, LANGUAGES.java).containerMemoryMb + 100);
    expect(reportedTimeMs(2999, 3)).toBe(1000);
    expect(reportedTimeMs(420)).toBe(420);
  });

  it('fills the heap size into the JVM command', () => {
    expect(runCommand(LANGUAGES.java, 256)).toContain('-Xmx256m');
    expect(runCommand(LANGUAGES.c, 256)).toEqual(['./main']);
    expect(runCommand(LANGUAGES.java, 256, 'public class hello { public static void main(String[] a) {} }').pop()).toBe(
      'hello',
    );
    expect(runCommand(LANGUAGES.java, 256, 'class Main { public static void main(String[] a) {} }').pop()).toBe('Main');
  });
});
