/** Buffers a byte stream so a protocol reader can await whole lines and exact byte counts. */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  private waiter: (() => void) | null = null;
  private closed: Error | null = null;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
    this.wake();
  }

  close(reason: Error): void {
    this.closed ??= reason;
    this.wake();
  }

  async readLine(maxBytes = 4096): Promise<string> {
    for (;;) {
      const buf = this.peekAll();
      const nl = buf.indexOf(0x0a);
      if (nl >= 0) {
        this.consume(nl + 1);
        return buf.subarray(0, nl).toString('utf8');
      }
      if (buf.length > maxBytes) throw new Error(`protocol line longer than ${maxBytes} bytes`);
      await this.wait();
    }
  }

  async readExact(n: number): Promise<Buffer> {
    while (this.length < n) await this.wait();
    const buf = this.peekAll();
    this.consume(n);
    return Buffer.from(buf.subarray(0, n));
  }

  private peekAll(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const buf = this.peekAll();
    const rest = buf.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
  }

  private wait(): Promise<void> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
