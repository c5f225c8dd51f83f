import type { Sandbox } from '@bastion/sandbox';

/** Where leased sandboxes go back to (PoolService). */
export interface SandboxLender {
  acquire(image: string): Promise<Sandbox>;
  release(box: Sandbox): void;
}

/**
 * One sandbox held for a piece of work, given back exactly once however the work ends: release()
 * is idempotent, and replace() swaps in a fresh sandbox (after a program took the first down)
 * while giving the old one back. The judge holds its sandboxes through leases, not flags.
 */
export class SandboxLease {
  private current: Sandbox;
  private released = false;

  constructor(
    private readonly lender: Pick<SandboxLender, 'release'>,
    box: Sandbox,
  ) {
    this.current = box;
  }

  /** Acquires a sandbox of `image` from the lender, as a lease. */
  static async take(lender: SandboxLender, image: string): Promise<SandboxLease> {
    return new SandboxLease(lender, await lender.acquire(image));
  }

  get box(): Sandbox {
    if (this.released) throw new Error('the sandbox lease was released');
    return this.current;
  }

  /** Holds `fresh` from now on; the sandbox held so far goes back to the lender. */
  replace(fresh: Sandbox): void {
    if (this.released) {
      this.lender.release(fresh);
      throw new Error('the sandbox lease was released');
    }
    const old = this.current;
    this.current = fresh;
    if (old !== fresh) this.lender.release(old);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.lender.release(this.current);
  }
}

/** Runs `work` with a leased sandbox of `image`, released when the work ends, whichever way. */
export async function withLease<T>(
  lender: SandboxLender,
  image: string,
  work: (lease: SandboxLease) => Promise<T>,
): Promise<T> {
  const lease = await SandboxLease.take(lender, image);
  try {
    return await work(lease);
  } finally {
    lease.release();
  }
}
