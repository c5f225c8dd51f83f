import { encodeFile, encodeRun, parseResultHeader } from './protocol';

describe('runner protocol', () => {
  it('encodes a RUN command with stdin and NUL-separated argv', () => {
    const buf = encodeRun(['./main', 'a b'], Buffer.from('1 2\n'), {
      cpuMs: 1000,
      wallMs: 3000,
      outputBytes: 1024,
      memoryKb: 262144,
    });
    expect(buf.toString()).toBe('RUN 1000 3000 1024 4 11 262144\n1 2\n./main\0a b\0');
  });

  it('refuses file paths that leave the work dir', () => {
    expect(() => encodeFile('../etc/passwd', 0o644, Buffer.alloc(0))).toThrow(/unsafe/);
    expect(() => encodeFile('/etc/passwd', 0o644, Buffer.alloc(0))).toThrow(/unsafe/);
    expect(encodeFile('src/main.c', 0o644, Buffer.from('x')).toString()).toBe('FILE src/main.c 644 1\nx');
  });

  it('parses a result header', () => {
    expect(parseResultHeader('RESULT RE -1 11 12 15 2048 0 5')).toEqual({
      status: 'RE',
      exitCode: null,
      signal: 11,
      cpuMs: 12,
      wallMs: 15,
      memoryKb: 2048,
      stdoutLength: 0,
      stderrLength: 5,
    });
    expect(() => parseResultHeader('RESULT BOOM 0 0 0 0 0 0 0')).toThrow(/unknown runner status/);
    expect(() => parseResultHeader('garbage')).toThrow(/unexpected runner reply/);
  });
});
