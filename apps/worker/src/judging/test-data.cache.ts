import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { In, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { TestCaseEntity } from '@bastion/db';

/** Test data on the worker's disk, addressed by SHA-256, loaded from PostgreSQL only when missing. */
@Injectable()
export class TestDataCache {
  private readonly dir: string;

  constructor(
    @InjectRepository(TestCaseEntity) private readonly tests: Repository<TestCaseEntity>,
    @Inject(BASTION_CONFIG) config: BastionConfig,
  ) {
    this.dir = join(config.worker.dataDir, 'tests');
  }

  /** Makes sure every input and answer of these tests is on disk. */
  async ensure(cases: TestCaseEntity[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const missing: string[] = [];
    for (const t of cases) {
      if (!(await this.has(t.inputHash)) || !(await this.has(t.answerHash))) missing.push(t.id);
    }
    if (missing.length === 0) return;
    const rows = await this.tests.find({
      where: { id: In(missing) },
      select: { id: true, input: true, answer: true, inputHash: true, answerHash: true },
    });
    for (const r of rows) {
      await this.put(r.inputHash, r.input);
      await this.put(r.answerHash, r.answer);
    }
  }

  read(hash: string): Promise<Buffer> {
    return readFile(join(this.dir, hash));
  }

  private async has(hash: string): Promise<boolean> {
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
    const tmp = join(this.dir, `${hash}.${process.pid}.tmp`);
    await writeFile(tmp, data);
    await rename(tmp, join(this.dir, hash));
  }
}
