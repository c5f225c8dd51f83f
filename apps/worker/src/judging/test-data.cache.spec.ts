import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCaseEntity } from '@bastion/db';
import { MemoryTier, TestDataCache } from './test-data.cache';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('MemoryTier', () => {
  it('keeps the most recently used files within its budget, and never one above its largest', () => {
    const m = new MemoryTier(10, 6);
    m.set('a', Buffer.alloc(4));
    m.set('b', Buffer.alloc(4));
    m.get('a'); // a is now the most recently used
    m.set('c', Buffer.alloc(4)); // 12 bytes > 10: the least recently used (b) goes
    expect([m.has('a'), m.has('b'), m.has('c'), m.size]).toEqual([true, false, true, 8]);
    m.set('big', Buffer.alloc(7));
    expect(m.has('big')).toBe(false);
  });
});

describe('TestDataCache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bastion-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const testCase = (id: string, input: string, answer: string) => {
    const [i, a] = [Buffer.from(input), Buffer.from(answer)];
    return { id, input: i, answer: a, inputHash: sha(i), answerHash: sha(a) } as unknown as TestCaseEntity;
  };

  it('loads what is missing once, then serves it without PostgreSQL (and from memory)', async () => {
    const cases = [testCase('t1', '1 2\n', '3\n'), testCase('t2', '5 6\n', '11\n')];
    const find = jest.fn(async () => cases);
    const cache = new TestDataCache({ find } as never, { worker: { dataDir: dir } } as never);
    await cache.ensure(cases);
    await cache.ensure(cases);
    expect(find).toHaveBeenCalledTimes(1);
    expect(readdirSync(join(dir, 'tests')).sort()).toEqual(
      [...cases.flatMap((c) => [c.inputHash, c.answerHash])].sort(),
    );
    rmSync(join(dir, 'tests'), { recursive: true }); // served from memory now
    expect((await cache.read(cases[1].answerHash)).toString()).toBe('11\n');
  });

  it('survives two judgings loading the same new tests at once', async () => {
    const cases = Array.from({ length: 10 }, (_, i) => testCase(`t${i}`, `${i} ${i}\n`, `${2 * i}\n`));
    const cache = new TestDataCache({ find: async () => cases } as never, { worker: { dataDir: dir } } as never);
    await Promise.all([cache.ensure(cases), cache.ensure(cases), cache.ensure(cases)]);
    expect((await cache.read(cases[9].answerHash)).toString()).toBe('18\n');
    expect(readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses data that does not match its hash', async () => {
    const bad = { ...testCase('t1', '1\n', '1\n'), input: Buffer.from('tampered') } as TestCaseEntity;
    const cache = new TestDataCache({ find: async () => [bad] } as never, { worker: { dataDir: dir } } as never);
    await expect(cache.ensure([bad])).rejects.toThrow(/does not match its hash/);
  });

  it('reads from disk what another worker process put there', async () => {
    const cases = [testCase('t1', 'x\n', 'y\n')];
    const first = new TestDataCache({ find: async () => cases } as never, { worker: { dataDir: dir } } as never);
    await first.ensure(cases);
    const find = jest.fn(async () => cases);
    const second = new TestDataCache({ find } as never, { worker: { dataDir: dir } } as never);
    await second.ensure(cases);
    expect(find).not.toHaveBeenCalled();
    expect((await second.read(cases[0].inputHash)).toString()).toBe('x\n');
  });
});
