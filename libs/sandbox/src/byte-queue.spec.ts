import { ByteQueue } from './byte-queue';

describe('ByteQueue', () => {
  it('reads lines and exact byte counts across chunk boundaries', async () => {
    const q = new ByteQueue();
    const line = q.readLine();
    q.push(Buffer.from('RESULT O'));
    q.push(Buffer.from('K 0\nab'));
    await expect(line).resolves.toBe('RESULT OK 0');
    const bytes = q.readExact(4);
    q.push(Buffer.from('cdef'));
    await expect(bytes).resolves.toEqual(Buffer.from('abcd'));
    await expect(q.readExact(2)).resolves.toEqual(Buffer.from('ef'));
  });

  it('rejects waiting readers when closed', async () => {
    const q = new ByteQueue();
    const pending = q.readExact(10);
    q.close(new Error('container went away'));
    await expect(pending).rejects.toThrow('container went away');
    await expect(q.readLine()).rejects.toThrow('container went away');
  });

  it('refuses an overlong protocol line', async () => {
    const q = new ByteQueue();
    q.push(Buffer.alloc(100, 0x41));
    await expect(q.readLine(10)).rejects.toThrow(/longer than 10/);
  });
});
