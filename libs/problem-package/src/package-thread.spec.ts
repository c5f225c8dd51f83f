import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { readKattisPackage } from './kattis-package';
import { PackageError } from './package-error';
import { openKattisPackageInThread, PACKAGE_THREADS, readKattisPackageInThread } from './package-thread';
import { CHUNK_BYTES } from './threads';

jest.setTimeout(60_000);

const enc = (s: string) => new TextEncoder().encode(s);
const zip = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? enc(v) : v]))),
  );
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const base = {
  'problem.yaml': 'name: Hello\nlimits:\n  time_limit: 2\n',
  'problem_statement/problem.en.md': '# Hello',
  'bastion.yaml': 'security:\n  weight: 0.5\n',
  'data/sample/1.in': 'Ada\n',
  'data/sample/1.ans': 'Hello, Ada!\n',
  'data/secret/2.in': new Uint8Array([0, 1, 2, 255]),
  'data/secret/2.ans': '',
  'data/attack/long.in': 'A'.repeat(10_000),
  'submissions/accepted/hello.py': 'print("Hello, " + input() + "!")\n',
};

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof PackageError ? `${e.status} ${e.code}: ${e.message}` : `not a PackageError: ${e}`;
  }
}

describe('readKattisPackageInThread', () => {
  it('reads what readKattisPackage reads, with each test hashed', async () => {
    const z = zip(base);
    const [here, there] = await Promise.all([readKattisPackage(z), readKattisPackageInThread(z)]);
    const { tests, ...rest } = there;
    const { tests: expectedTests, ...expectedRest } = here;
    expect(rest).toEqual(expectedRest);
    expect(tests.map((t) => ({ ...t, input: Buffer.from(t.input), answer: Buffer.from(t.answer) }))).toEqual(
      expectedTests.map((t) => ({ ...t, inputHash: sha256(t.input), answerHash: sha256(t.answer) })),
    );
    expect(tests.find((t) => t.name === 'secret/2')?.input).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('refuses with the same typed errors as in-process reading', async () => {
    const cases = [
      Buffer.from('not a zip'),
      zip({ ...base, 'data/secret/3.in': '3' }),
      zip({ ...base, 'problem.yaml': `name: x\n#${'x'.repeat(70_000)}` }),
      zip({ ...base, 'problem.yaml': 'name: x\ntype: interactive\n' }),
      zip({ ...base, '../evil': 'x' }),
    ];
    const there = await Promise.all(cases.map((c) => refusal(readKattisPackageInThread(c))));
    const here = await Promise.all(cases.map((c) => refusal(readKattisPackage(c))));
    expect(there).toEqual(here);
    expect(there.map((r) => r.split(':')[0])).toEqual([
      '400 BROKEN_ZIP',
      '400 MISSING_ANSWER',
      '413 PACKAGE_YAML_TOO_LARGE',
      '422 INTERACTIVE_NOT_SUPPORTED',
      '400 UNSAFE_PATH',
    ]);
  });

  it('reads the zip from a file when given its path, and big tests arrive intact', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'package-thread-'));
    try {
      const big = new Uint8Array(300_000).map((_, i) => i % 251);
      const file = join(dir, 'upload.zip');
      await writeFile(file, zip({ ...base, 'data/secret/big.in': big, 'data/secret/big.ans': big.slice(1) }));
      const pkg = await readKattisPackageInThread(file);
      const test = pkg.tests.find((t) => t.name === 'secret/big');
      expect(Buffer.from(test?.input ?? []).equals(Buffer.from(big))).toBe(true);
      expect(test?.answerHash).toBe(sha256(big.slice(1)));
      expect(pkg.tests.find((t) => t.name === 'sample/1')?.answer.toString()).toBe('Hello, Ada!\n');
      expect(await refusal(readKattisPackageInThread(join(dir, 'missing.zip')))).toMatch(
        /not a PackageError: .*ENOENT/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('passes the zip limits on', async () => {
    expect(await refusal(readKattisPackageInThread(zip(base), { maxEntries: 3, maxTotalBytes: 1e9 }))).toMatch(
      /^413 ZIP_TOO_MANY_FILES/,
    );
  });

  it('stops a thread that runs too long with 413 PACKAGE_TOO_COMPLEX', async () => {
    expect(await refusal(readKattisPackageInThread(zip(base), undefined, 1))).toMatch(/^413 PACKAGE_TOO_COMPLEX/);
  });

  it('reads many packages at once, each into its own answer (a few threads, the rest wait)', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `P${i}`);
    const read = await Promise.all(
      names.map((n) => readKattisPackageInThread(zip({ ...base, 'problem.yaml': `name: ${n}\n` }))),
    );
    expect(read.map((p) => p.name)).toEqual(names);
  });

  it("hands the tests' bytes over in order across chunk boundaries, however they are read", async () => {
    // Sizes around a chunk's: a test that ends where a chunk does, one that spans three, empty ones.
    const sizes = [CHUNK_BYTES - 3, 3, 0, 2 * CHUNK_BYTES + 17, 1, CHUNK_BYTES];
    const files: Record<string, string | Uint8Array> = { ...base };
    const expected = new Map<string, Buffer>();
    sizes.forEach((n, i) => {
      const input = Buffer.alloc(n, i + 1).fill(i * 7 + 3, 0, Math.min(n, 1000));
      const answer = Buffer.from(`answer ${i}\n`);
      files[`data/secret/t${i}.in`] = input;
      files[`data/secret/t${i}.ans`] = answer;
      expected.set(`secret/t${i}`, Buffer.concat([input, answer]));
    });
    const opened = await openKattisPackageInThread(zip(files));
    try {
      for (const t of opened.pkg.tests) {
        // The input in two reads (a view may start mid-chunk), the answer in one.
        const half = Math.floor(t.inputBytes / 2);
        const parts: Buffer[] = [];
        for (const n of [half, t.inputBytes - half, t.answerBytes])
          for await (const part of opened.read(n)) parts.push(Buffer.from(part));
        const bytes = Buffer.concat(parts);
        expect(sha256(bytes.subarray(0, t.inputBytes))).toBe(t.inputHash);
        expect(sha256(bytes.subarray(t.inputBytes))).toBe(t.answerHash);
        if (expected.has(t.name)) expect(bytes.equals(expected.get(t.name) as Buffer)).toBe(true);
      }
      await expect(opened.read(1).next()).rejects.toThrow(/ran out of test data/);
    } finally {
      await opened.close();
    }
  });

  it('frees its slot on close, read to the end or not, and refuses to read after', async () => {
    for (let i = 0; i < PACKAGE_THREADS + 2; i++) {
      const opened = await openKattisPackageInThread(zip(base));
      await opened.close();
      await opened.close(); // twice is harmless
      await expect(opened.read(1).next()).rejects.toThrow(/closed/);
    }
  });
});
