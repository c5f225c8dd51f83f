import { LANGUAGES } from '@bastion/contracts';
import { executionLimits, runCommand } from './limits';

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

  it('fills the heap size into the JVM command', () => {
    expect(runCommand(LANGUAGES.java, 256)).toContain('-Xmx256m');
    expect(runCommand(LANGUAGES.c, 256)).toEqual(['./main']);
  });
});
