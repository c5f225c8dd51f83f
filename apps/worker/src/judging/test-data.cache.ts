import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { In, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { TestCaseEntity } from '@bastion/db';

/** Bytes of test data kept in memory, and the largest file kept there (bigger ones are read from disk). */
export const MEMORY_CACHE_BYTES = 64 << 20;
export const MEMORY_CACHE_FILE_BYTES = 1 << 20;

/**
 * Test data on the worker's disk, addressed by SHA-256, loaded from PostgreSQL only when missing;
 * the small files most recently used are also kept in memory, so judging a submission to a problem
 * judged before reads no file (a few milliseconds of a small submission's judging).
 */
@Injectable()
export class TestDataCache {
  private readonly dir: string;
  private readonly memory = new MemoryTier(MEMORY_CACHE_BYTES, MEMORY_CACHE_FILE_BYTES);

  constructor(
    @InjectRepository(TestCaseEntity) private readonly tests: Pick<Repository<TestCaseEntity>, 'find'>,
    @Inject(BASTION_CONFIG) config: Pick<BastionConfig, 'worker'>,
  ) {
    this.dir = join(config.worker.dataDir, 'tests');
  }

  /** Makes sure every input and answer of these tests is on disk (or in memory). */
  async ensure(cases: TestCaseEntity[]): Promise<void> {
    const has = (hash: string) => this.memory.has(hash) || this.onDisk(hash);
    const present = await Promise.all(cases.map(async (t) => (await has(t.inputHash)) && (await has(t.answerHash))));
    const missing = cases.filter((_, i) => !present[i]).map((t) => t.id);
    if (missing.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    const rows = await this.tests.find({
      where: { id: In(missing) },
      select: { id: true, input: true, answer: true, inputHash: true, answerHash: true },
    });
    for (const r of rows) {
      await this.put(r.inputHash, r.input);
      await this.put(r.answerHash, r.answer);
    }
  }

  async read(hash: string): Promise<Buffer> {
    const kept = this.memory.get(hash);
    if (kept) return kept;
    const data = await readFile(join(this.dir, hash));
    this.memory.set(hash, data);
    return data;
  }

  private async onDisk(hash: string): Promise<boolean> {
    // Files appear only by rename after their hash was checked, so presence is enough.
    return access(join(this.dir, hash)).then(
      () => true,
      () => false,
    );
  }

  private async put(hash: string, data: Buffer): Promise<void> {
    if (createHash('sha256').update(data).digest('hex') !== hash) {
      throw new Error(`test data does not match its hash ${hash}`);
    }
    // A name of its own per write: two judgings (or workers) loading the same new tests at once
    // each write their copy and rename it into place; the last rename wins, with the same bytes.
    const tmp = join(this.dir, `${hash}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(this.dir, hash));
    this.memory.set(hash, data);
  }
}

/** Least recently used files first out, within a byte budget. */
export class MemoryTier {
  private readonly files = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly budget: number,
    private readonly largest: number,
  ) {}

  has(key: string): boolean {
    return this.files.has(key);
  }

  get(key: string): Buffer | undefined {
    const data = this.files.get(key);
    if (data) {
      this.files.delete(key); // most recently used last
      this.files.set(key, data);
    }
    return data;
  }

  set(key: string, data: Buffer): void {
    if (data.length > this.largest || this.files.has(key)) return;
    this.files.set(key, data);
    this.bytes += data.length;
    for (const [k, v] of this.files) {
      if (this.bytes <= this.budget) break;
      this.files.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.bytes;
  }
}
