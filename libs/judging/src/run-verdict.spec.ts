import { isJvmOutOfMemory, toRunVerdict, toTestVerdict } from './run-verdict';

describe('runner status to verdict', () => {
  it('maps statuses, with the judge failing as IE', () => {
    expect(toTestVerdict('OK', true)).toBe('AC');
    expect(toTestVerdict('OK', false)).toBe('WA');
    expect(toTestVerdict('TLE', true)).toBe('TLE');
    expect(toTestVerdict('ERR', true)).toBe('IE');
    expect(toRunVerdict('ERR')).toBe('IE');
    expect(toRunVerdict('OLE')).toBe('OLE');
  });

  it('recognizes JVM heap exhaustion', () => {
    const oom = Buffer.from('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space');
    expect(isJvmOutOfMemory('java', oom)).toBe(true);
    expect(isJvmOutOfMemory('python', oom)).toBe(false);
    expect(isJvmOutOfMemory('java', Buffer.from('NullPointerException'))).toBe(false);
  });
});
