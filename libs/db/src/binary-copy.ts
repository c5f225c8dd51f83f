import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** PostgreSQL's binary COPY header: signature, flags, header extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_OID = 25;
/** Small pieces (row headers, numbers, short strings and bytes) are sent together once this many wait. */
const COALESCE_BYTES = 64 * 1024;
/** A part of a bytea at least this long is written as it is, without a copy. */
const DIRECT_BYTES = 16 * 1024;

const int16 = (v: number) => {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(v);
  return b;
};
const int32 = (v: number) => {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(v);
  return b;
};

/**
 * Rows written to a `COPY … FROM STDIN (FORMAT binary)` stream. Unlike an INSERT, whose driver copies
 * every parameter into one message on the event loop (a 5 MiB row took 20-40 ms there, and its
 * short-lived multi-MiB buffers cost garbage-collection pauses of as much), a bytea goes out as the
 * buffers it comes in, with the socket's backpressure awaited between them; only the small pieces are
 * gathered and copied. Numbers and uuids are checked here as PostgreSQL checks their text, and it
 * checks the rest itself (lengths, encoding, constraints), so what an INSERT refused is refused here too.
 */
export class BinaryCopyWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private failure: Error | null = null;

  constructor(private readonly out: Writable) {
    // Remembered and thrown from the next write: an 'error' with no listener would end the process.
    out.on('error', (e: Error) => (this.failure ??= e));
    this.small(SIGNATURE, int32(0), int32(0));
  }

  /** Starts a row of `fields` values (each written next, in the order of the COPY's column list). */
  row(fields: number): this {
    return this.small(int16(fields));
  }

  uuid(v: string): this {
    const hex = v.replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a uuid: ${v}`);
    return this.small(int32(16), Buffer.from(hex, 'hex'));
  }

  int4(v: number): this {
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new RangeError(`not an integer: ${v}`);
    return this.small(int32(4), int32(v));
  }

  bool(v: boolean): this {
    return this.small(int32(1), Buffer.from([v ? 1 : 0]));
  }

  /** text, varchar or char: UTF-8, the connection's client encoding. */
  text(v: string): this {
    const b = Buffer.from(v, 'utf8');
    return this.small(int32(b.length), b);
  }

  /** A one-dimensional text[] (empty: no dimensions, as '{}' reads). */
  textArray(v: string[]): this {
    if (!v.length) return this.small(int32(12), int32(0), int32(0), int32(TEXT_OID));
    const items = v.map((s) => Buffer.from(s, 'utf8'));
    const bytes = 20 + items.reduce((n, b) => n + 4 + b.length, 0);
    this.small(int32(bytes), int32(1), int32(0), int32(TEXT_OID), int32(items.length), int32(1));
    for (const b of items) this.small(int32(b.length), b);
    return this;
  }

  /** A bytea of `n` bytes that arrive as `parts` (together exactly `n` bytes). */
  async bytea(n: number, parts: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    this.small(int32(n));
    let seen = 0;
    for await (const part of parts) {
      seen += part.length;
      if (part.length < DIRECT_BYTES) this.small(part);
      else {
        await this.flush();
        await this.write(part);
      }
      if (this.pendingBytes >= COALESCE_BYTES) await this.flush();
    }
    if (seen !== n) throw new Error(`a bytea announced as ${n} bytes had ${seen}`);
  }

  /** Sends what is left and the trailer, and waits until PostgreSQL has taken every row. */
  async end(): Promise<void> {
    this.small(int16(-1));
    await this.flush();
    this.out.end();
    await finished(this.out);
  }

  /** Ends the COPY unfinished (PostgreSQL discards its rows), so the connection can roll back. */
  async abort(reason: Error): Promise<void> {
    if (this.out.destroyed) return;
    this.out.destroy(reason);
    await finished(this.out).catch(() => undefined);
  }

  /**
   * Sends the small pieces gathered so far once they reach COALESCE_BYTES, waiting for room on the
   * socket: called between rows, so rows of small values go out in 64 KiB writes as they come.
   */
  async drain(): Promise<void> {
    if (this.pendingBytes >= COALESCE_BYTES) await this.flush();
  }

  private small(...parts: Buffer[]): this {
    for (const b of parts) {
      this.pending.push(b);
      this.pendingBytes += b.length;
    }
    return this;
  }

  private async flush(): Promise<void> {
    if (!this.pendingBytes) return;
    const b = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.write(b);
  }

  private async write(b: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(b)) await once(this.out, 'drain');
    if (this.failure) throw this.failure;
  }
}

/**
 * Runs `write` against `COPY table (columns) FROM STDIN (FORMAT binary)` on the connection of `m`, which
 * must be a transaction's manager (so a failure anywhere leaves no row behind). Returns the rows copied.
 */
export async function copyRows(
  m: EntityManager,
  table: string,
  columns: string[],
  write: (copy: BinaryCopyWriter) => Promise<void>,
): Promise<number> {
  if (!m.queryRunner?.isTransactionActive) throw new Error('copyRows needs a transaction');
  const client = (await m.queryRunner.connect()) as PoolClient;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
  const copy = new BinaryCopyWriter(stream);
  try {
    await write(copy);
    await copy.end();
  } catch (e) {
    // Left in COPY mode, the connection would never run the ROLLBACK that comes next.
    await copy.abort(e as Error);
    throw e;
  }
  return stream.rowCount;
}
