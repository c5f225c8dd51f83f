import type Docker from 'dockerode';
import { Sandbox } from './sandbox';
import { SandboxSettings, SANDBOX_LABEL, WORKER_LABEL } from './container-spec';

export interface PoolOptions {
  docker: Docker;
  /** Container settings per pool key (a judge image); memory is the compile-time ceiling. */
  settings: (key: string) => SandboxSettings;
  size: number;
  /** With sessions: how many submissions a container serves before it is replaced (default 50). */
  reuse?: number;
  log?: (msg: string) => void;
}

/**
 * Warm pools of started sandboxes, one pool per image; the pool refills in the background so a
 * submission rarely waits for a container to start. Without sessions a sandbox leaves the pool for
 * exactly one submission and is destroyed afterwards, and `size` counts the warm ones. With sessions
 * (SandboxSettings.sessions) release() recycles it into a fresh session and it returns to the pool,
 * up to `reuse` submissions or until anything goes wrong with it; `size` then counts every
 * container of the image, lent or warm.
 */
export class SandboxPool {
  private readonly ready = new Map<string, Sandbox[]>();
  private readonly filling = new Map<string, number>();
  /** Warm containers being started (refill), awaited by close(). */
  private readonly starting = new Set<Promise<unknown>>();
  private readonly deferred = new Set<string>();
  private deferTimer?: NodeJS.Timeout;
  /** Sandboxes handed out by acquire() and not yet released. */
  private inUse = 0;
  /** Per key: sandboxes lent (or starting for a borrower), counted against `size` with sessions. */
  private readonly lent = new Map<string, number>();
  /** Per key: recycle() calls under way (release()). */
  private readonly recycling = new Map<string, Set<Promise<unknown>>>();
  private closed = false;
  /** The longest a refill waits for the sandboxes in use to be released. */
  static DEFER_MS = 2_000;
  failures = 0;

  constructor(private readonly opts: PoolOptions) {}

  async acquire(key: string): Promise<Sandbox> {
    // a session being recycled is ready in tens of milliseconds, a new container in hundreds
    const recycling = this.recycling.get(key);
    if (!this.ready.get(key)?.some((b) => b.alive) && recycling?.size) await Promise.race(recycling);
    const box = this.takeWarm(key);
    this.inUse++;
    this.lend(key, +1);
    // Starting a container costs the Docker engine about as much CPU as judging a small submission:
    // while sandboxes are in use the refill waits for their release (at most DEFER_MS), so it does
    // not slow the very submission that took the container, unless this image has none left.
    this.refillOrDefer(key);
    if (box) return box;
    try {
      return await Sandbox.start(this.opts.docker, this.opts.settings(key), key);
    } catch (err) {
      this.lend(key, -1);
      this.done();
      throw err;
    }
  }

  private lend(key: string, by: number): void {
    this.lent.set(key, Math.max(0, (this.lent.get(key) ?? 0) + by));
  }

  /**
   * A warm sandbox for optional work, work the caller could also do in its own sandbox (release()
   * it like any other); only while the pool is quiet: fewer than `maxInUse` sandboxes in use, no container starting, and
   * another warm one left after this for the next submission. It never starts a container; its
   * refill waits like acquire()'s.
   */
  acquireSpare(key: string, maxInUse: number): Sandbox | undefined {
    if (this.closed || this.inUse >= maxInUse || (this.filling.get(key) ?? 0) > 0) return undefined;
    const live = (this.ready.get(key) ?? []).filter((b) => b.alive).length;
    if (live < 2) return undefined;
    const box = this.takeWarm(key);
    if (!box) return undefined;
    this.inUse++;
    this.lend(key, +1);
    this.refillOrDefer(key);
    return box;
  }

  /** The first live warm container of a pool; dead ones (engine restarted, container killed) go. */
  private takeWarm(key: string): Sandbox | undefined {
    const list = this.ready.get(key) ?? [];
    let box = list.shift();
    while (box && !box.alive) {
      void box.destroy().catch(() => undefined);
      box = list.shift();
    }
    return box;
  }

  /**
   * Takes back a sandbox that acquire() handed out: with sessions, recycled into a fresh session and
   * back to the pool; otherwise (or past `reuse` submissions, or if recycling fails) destroyed.
   * Deferred refills start once none is in use.
   */
  release(box: Sandbox): Promise<void> {
    this.done();
    const key = box.language;
    if (box.sessions && box.alive && !this.closed && box.uses < (this.opts.reuse ?? 50)) {
      const recycled = box.recycle().then(
        () => {
          this.lend(key, -1);
          // more containers than the pool's size (one was started while all were lent): this one goes
          if (this.closed || this.count(key) >= this.opts.size) return box.destroy();
          const list = this.ready.get(key) ?? [];
          list.unshift(box); // the most recently used first: its files are in the page cache
          this.ready.set(key, list);
        },
        (err: Error) => {
          this.opts.log?.(`sandbox ${box.id.slice(0, 12)} could not start a new session: ${err.message}`);
          return this.retire(key, box);
        },
      );
      const settled = recycled.catch(() => undefined);
      const set = this.recycling.get(key) ?? new Set<Promise<unknown>>();
      set.add(settled);
      this.recycling.set(key, set);
      void settled.finally(() => set.delete(settled));
      return recycled;
    }
    return this.retire(key, box);
  }

  private retire(key: string, box: Sandbox): Promise<void> {
    this.lend(key, -1);
    const gone = box.destroy();
    if (box.sessions) this.refillOrDefer(key);
    return gone;
  }

  private done(): void {
    this.inUse = Math.max(0, this.inUse - 1);
    if (this.inUse === 0) this.refillDeferred();
  }

  private refillOrDefer(key: string): void {
    if (this.inUse > 0 && (this.ready.get(key)?.length ?? 0) > 0) this.defer(key);
    else this.refill(key);
  }

  private defer(key: string): void {
    this.deferred.add(key);
    this.deferTimer ??= setTimeout(() => this.refillDeferred(), SandboxPool.DEFER_MS).unref();
  }

  private refillDeferred(): void {
    clearTimeout(this.deferTimer);
    this.deferTimer = undefined;
    const keys = [...this.deferred];
    this.deferred.clear();
    for (const k of keys) this.refill(k);
  }

  /** Drops every warm container that is no longer alive; the pools refill. */
  prune(): number {
    let dropped = 0;
    for (const [key, list] of this.ready) {
      const dead = list.filter((b) => !b.alive);
      if (!dead.length) continue;
      this.ready.set(
        key,
        list.filter((b) => b.alive),
      );
      for (const b of dead) void b.destroy().catch(() => undefined);
      dropped += dead.length;
      this.refill(key);
    }
    return dropped;
  }

  /** Starts filling the pools of the given keys without waiting. */
  warm(keys: string[]): void {
    for (const k of keys) this.refill(k);
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.ready].map(([k, v]) => [k, v.length]));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.deferTimer);
    const all = [...this.ready.values()].flat();
    this.ready.clear();
    // Containers still starting are destroyed as they come up (refill sees `closed`), and so are
    // those being recycled: wait for them too, so that nothing of this pool outlives close().
    const recycling = [...this.recycling.values()].flatMap((s) => [...s]);
    await Promise.allSettled([...all.map((b) => b.destroy()), ...this.starting, ...recycling]);
  }

  /** Removes containers that a previous process of this worker left behind (crash, kill -9). */
  static async removeLeftovers(docker: Docker, workerId: string): Promise<number> {
    const list = await docker.listContainers({
      all: true,
      filters: { label: [`${SANDBOX_LABEL}=1`, `${WORKER_LABEL}=${workerId}`] },
    });
    await Promise.allSettled(list.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    return list.length;
  }

  /** The containers of a key that `size` counts: warm and starting ones, and with sessions the lent ones. */
  private count(key: string): number {
    const lent = this.opts.settings(key).sessions ? (this.lent.get(key) ?? 0) : 0;
    return (this.ready.get(key)?.length ?? 0) + (this.filling.get(key) ?? 0) + lent;
  }

  private refill(key: string): void {
    if (this.closed || this.opts.size <= 0) return;
    if (this.count(key) >= this.opts.size) return;
    this.filling.set(key, (this.filling.get(key) ?? 0) + 1);
    let failed = false;
    const started = Sandbox.start(this.opts.docker, this.opts.settings(key), key)
      .then(async (box) => {
        if (this.closed) return box.destroy();
        const list = this.ready.get(key) ?? [];
        list.push(box);
        this.ready.set(key, list);
      })
      .catch((err: Error) => {
        failed = true;
        this.failures++;
        this.opts.log?.(`warm pool ${key}: ${err.message}`);
      })
      .finally(() => {
        this.filling.set(key, (this.filling.get(key) ?? 1) - 1);
        // Keep filling up to the target, but not in a tight loop after a failure, and by the same
        // rule as acquire(): while sandboxes are in use and a warm one is left, after their release.
        if (!this.closed) setTimeout(() => this.refillOrDefer(key), failed ? 2000 : 0).unref();
      });
    this.starting.add(started);
    void started.finally(() => this.starting.delete(started));
  }
}
