import type { Sandbox } from '@bastion/sandbox';
import { SandboxLease, SandboxLender, withLease } from './lease';

const box = (id: string) => ({ id }) as unknown as Sandbox;

function lender() {
  const released: string[] = [];
  const l: SandboxLender = {
    acquire: async (image) => box(`${image}-1`),
    release: (b) => void released.push(b.id),
  };
  return { l, released };
}

describe('SandboxLease', () => {
  it('gives its sandbox back once, however often it is released', () => {
    const { l, released } = lender();
    const lease = new SandboxLease(l, box('a'));
    expect(lease.box.id).toBe('a');
    lease.release();
    lease.release();
    expect(released).toEqual(['a']);
    expect(() => lease.box).toThrow(/released/);
  });

  it('replace() gives the old sandbox back at once and the new one on release', () => {
    const { l, released } = lender();
    const lease = new SandboxLease(l, box('a'));
    lease.replace(box('b'));
    expect(released).toEqual(['a']);
    expect(lease.box.id).toBe('b');
    lease.release();
    expect(released).toEqual(['a', 'b']);
  });

  it('a sandbox handed to a released lease goes straight back', () => {
    const { l, released } = lender();
    const lease = new SandboxLease(l, box('a'));
    lease.release();
    expect(() => lease.replace(box('late'))).toThrow(/released/);
    expect(released).toEqual(['a', 'late']);
  });

  it('withLease releases when the work succeeds and when it throws', async () => {
    const { l, released } = lender();
    await expect(withLease(l, 'c', async (lease) => lease.box.id)).resolves.toBe('c-1');
    await expect(
      withLease(l, 'py', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(released).toEqual(['c-1', 'py-1']);
  });
});
