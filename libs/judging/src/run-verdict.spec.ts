import { isJvmOutOfMemory, runVerdict, testVerdict } from './run-verdict';

const run = (status: 'OK' | 'RE' | 'TLE' | 'MLE' | 'OLE' | 'ERR', stderr = '') => ({
  status,
  stderr: Buffer.from(stderr),
});

describe('runner result to verdict', () => {
  it('maps statuses, with the judge failing as IE', () => {
    expect(runVerdict('c', run('ERR'))).toBe('IE');
    expect(runVerdict('c', run('OLE'))).toBe('OLE');
    expect(runVerdict('c', run('OK'))).toBe('OK');
    expect(testVerdict(runVerdict('c', run('OK')), true)).toBe('AC');
    expect(testVerdict(runVerdict('c', run('OK')), false)).toBe('WA');
    expect(testVerdict(runVerdict('c', run('TLE')), true)).toBe('TLE');
    expect(testVerdict(runVerdict('c', run('ERR')), true)).toBe('IE');
  });

  it('reads JVM heap exhaustion as MLE, for Java only', () => {
    const oom = 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space';
    expect(runVerdict('java', run('RE', oom))).toBe('MLE');
    expect(runVerdict('python', run('RE', oom))).toBe('RE');
    expect(runVerdict('java', run('RE', 'NullPointerException'))).toBe('RE');
    expect(isJvmOutOfMemory('java', Buffer.from(oom))).toBe(true);
  });
});
