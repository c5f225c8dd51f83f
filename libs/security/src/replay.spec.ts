import { encodeReplayInputs, parseReplayReport, replayBatches, replayEnv } from './replay';

const frame = (head: string, body = '') => `${head} ${Buffer.byteLength(body)}\n${body}`;

describe('replay harness protocol', () => {
  it('frames each input with its length', () => {
    expect(encodeReplayInputs([Buffer.from('1 2\n'), Buffer.alloc(0), Buffer.from('x')]).toString()).toBe(
      '4\n1 2\n0\n1\nx',
    );
    expect(replayEnv({ cpuMs: 4000, wallMs: 8000, leakCheckedRuns: 1 })).toBe('BASTION_REPLAY=4000 8000 1');
  });

  it('reads every reported run with its stderr', () => {
    const report = 'main.c:6:44: runtime error: index 100 out of bounds\n';
    const out = Buffer.from(
      frame('REPLAY 0 OK 0 0 5') + frame('REPLAY 1 RE 86 0 48', report) + frame('REPLAY 2 TLE -1 24 1001'),
    );
    expect(parseReplayReport(out)).toEqual([
      { index: 0, status: 'OK', exitCode: 0, signal: null, cpuMs: 5, stderr: '' },
      { index: 1, status: 'RE', exitCode: 86, signal: null, cpuMs: 48, stderr: report },
      { index: 2, status: 'TLE', exitCode: null, signal: 24, cpuMs: 1001, stderr: '' },
    ]);
  });

  it('drops a frame the runner cut short', () => {
    const out = Buffer.from(
      frame('REPLAY 0 OK 0 0 5') + frame('REPLAY 1 RE 86 0 48', 'ERROR: AddressSanitizer').slice(0, -4),
    );
    expect(parseReplayReport(out).map((r) => r.index)).toEqual([0]);
    expect(parseReplayReport(Buffer.from('REPLAY 0 OK 0 0 5 0'))).toEqual([]);
  });

  it('stops at output that is not the harness’s (the program wrote to its parent’s stdout)', () => {
    const forged = Buffer.from(frame('REPLAY 0 OK 0 0 5') + 'hello\n' + frame('REPLAY 1 OK 0 0 5'));
    expect(parseReplayReport(forged).map((r) => r.index)).toEqual([0]);
    const outOfOrder = Buffer.from(frame('REPLAY 0 OK 0 0 5') + frame('REPLAY 5 OK 0 0 5'));
    expect(parseReplayReport(outOfOrder)).toHaveLength(1);
    expect(parseReplayReport(Buffer.from(frame('REPLAY 0 OK 0 0 5', '\u00e9')))[0].stderr).toBe('\u00e9');
  });

  it('batches inputs by size, in order, with at least one input per batch', () => {
    const item = (n: number) => ({ input: Buffer.alloc(n) });
    const sizes = (b: { input: Buffer }[][]) => b.map((x) => x.map((i) => i.input.length));
    expect(sizes(replayBatches([item(3), item(4), item(2), item(10), item(1)], 8))).toEqual([[3, 4], [2], [10], [1]]);
    expect(replayBatches([], 8)).toEqual([]);
  });
});
