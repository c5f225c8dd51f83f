import { settle, StatusLine, unwrap } from './progress';

describe('StatusLine', () => {
  it('writes statuses in order, each after the one before, without holding up its caller', async () => {
    const written: string[] = [];
    const gates: (() => void)[] = [];
    const line = new StatusLine<string>(
      (s) =>
        new Promise<void>((resolve) =>
          gates.push(() => {
            written.push(s);
            resolve();
          }),
        ),
    );
    line.set('compiling');
    line.set('running'); // returns at once; written only after `compiling`
    await Promise.resolve();
    expect(gates).toHaveLength(1);
    gates[0]();
    await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(2);
    gates[1]();
    await line.done();
    expect(written).toEqual(['compiling', 'running']);
  });

  it('fails done() with the first failed write and writes nothing after it', async () => {
    const written: string[] = [];
    const line = new StatusLine<string>(async (s) => {
      if (s === 'analyzing') throw new Error('database away');
      written.push(s);
    });
    line.set('compiling');
    line.set('analyzing');
    line.set('running');
    await line.settled(); // never throws
    await expect(line.done()).rejects.toThrow('database away');
    expect(written).toEqual(['compiling']);
  });
});

describe('settle', () => {
  it('keeps a rejection as a value until unwrapped', async () => {
    const s = await settle(Promise.reject(new Error('compiler gone')));
    expect(() => unwrap(s)).toThrow('compiler gone');
    expect(unwrap(await settle(Promise.resolve(7)))).toBe(7);
  });
});
