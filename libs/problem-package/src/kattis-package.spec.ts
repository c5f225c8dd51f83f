import { zipSync, Zippable } from 'fflate';
import { checkerFromFlags, isPython2, readKattisPackage } from './kattis-package';
import { PackageError } from './package-error';

const enc = (s: string) => new TextEncoder().encode(s);
const zip = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, enc(v)]))));

const base = {
  'problem.yaml': 'name: Hello\nlimits:\n  time_limit: 2.5\n  memory: 128\n',
  'problem_statement/problem.en.md': '# Hello',
  'data/sample/1.in': '1',
  'data/sample/1.ans': '1',
  'data/secret/g1/10.in': '10',
  'data/secret/g1/10.ans': '10',
  'data/secret/g1/2.in': '2',
  'data/secret/g1/2.ans': '2',
};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PackageError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('readKattisPackage', () => {
  it('reads name, limits, statement and tests in natural order, samples first', async () => {
    const p = await readKattisPackage(zip(base));
    expect(p).toMatchObject({ name: 'Hello', timeLimitMs: 2500, memoryLimitMb: 128, statement: '# Hello' });
    expect(p.tests.map((t) => t.name)).toEqual(['sample/1', 'secret/g1/2', 'secret/g1/10']);
    expect(p.checker).toEqual({ type: 'case-insensitive' });
  });

  it('accepts a package zipped inside one folder and takes that folder as its short name', async () => {
    const nested = Object.fromEntries(Object.entries(base).map(([k, v]) => [`hello/${k}`, v]));
    const p = await readKattisPackage(zip(nested));
    expect(p.shortName).toBe('hello');
  });

  it('takes the English name of a per-language name and the legacy .timelimit', async () => {
    const p = await readKattisPackage(
      zip({ ...base, 'problem.yaml': 'name:\n  ko: 안녕\n  en: Hi\n', '.timelimit': '3' }),
    );
    expect(p.name).toBe('Hi');
    expect(p.timeLimitMs).toBe(3000);
  });

  it('leaves the time limit unset when the package gives none', async () => {
    expect((await readKattisPackage(zip({ ...base, 'problem.yaml': 'name: x' }))).timeLimitMs).toBeNull();
  });

  it('refuses broken, incomplete and unsupported packages with a code', async () => {
    expect(await code(readKattisPackage(Buffer.from('not a zip at all')))).toBe('BROKEN_ZIP');
    expect(await code(readKattisPackage(zip({ 'data/sample/1.in': '' })))).toBe('NO_PROBLEM_YAML');
    expect(await code(readKattisPackage(zip({ ...base, 'data/secret/3.in': '3' })))).toBe('MISSING_ANSWER');
    expect(await code(readKattisPackage(zip({ 'problem.yaml': 'name: x' })))).toBe('NO_TESTS');
    expect(await code(readKattisPackage(zip({ ...base, 'problem.yaml': 'name: [' })))).toBe('BAD_PROBLEM_YAML');
    expect(await code(readKattisPackage(zip({ ...base, 'problem.yaml': 'name: x\nlimits: { time_limit: -1 }' })))).toBe(
      'BAD_PROBLEM_YAML',
    );
    expect(await code(readKattisPackage(zip({ ...base, 'problem.yaml': 'name: x\ntype: interactive' })))).toBe(
      'INTERACTIVE_NOT_SUPPORTED',
    );
    const latin1 = Buffer.from(
      zipSync({
        ...Object.fromEntries(Object.entries(base).map(([k, v]) => [k, enc(v)])),
        'problem.yaml': new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xff]),
      }),
    );
    expect(await code(readKattisPackage(latin1))).toBe('BAD_ENCODING');
  });

  it('refuses zip-slip paths, symlinks, and zip bombs', async () => {
    expect(await code(readKattisPackage(zip({ ...base, '../evil.txt': 'x' })))).toBe('UNSAFE_PATH');
    const files: Zippable = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, enc(v)]));
    files['data/link'] = [enc('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
    expect(await code(readKattisPackage(Buffer.from(zipSync(files))))).toBe('SYMLINK_IN_ZIP');
    const bomb = zip({ ...base, 'data/secret/big.in': 'a'.repeat(2_000_000), 'data/secret/big.ans': '' });
    expect(await code(readKattisPackage(bomb, { maxEntries: 100, maxTotalBytes: 1_000_000 }))).toBe('ZIP_TOO_LARGE');
    expect(await code(readKattisPackage(zip(base), { maxEntries: 3, maxTotalBytes: 1e9 }))).toBe('ZIP_TOO_MANY_FILES');
  });
});

describe('checkerFromFlags', () => {
  it('maps validator flags to a checker', () => {
    expect(checkerFromFlags('')).toEqual({ type: 'case-insensitive' });
    expect(checkerFromFlags('case_sensitive')).toEqual({ type: 'tokens' });
    expect(checkerFromFlags('space_change_sensitive')).toEqual({ type: 'exact' });
    expect(checkerFromFlags('float_tolerance 1e-6')).toEqual({ type: 'float', absTol: 1e-6, relTol: 1e-6 });
    expect(checkerFromFlags('float_absolute_tolerance 0.5')).toEqual({ type: 'float', absTol: 0.5, relTol: 0 });
  });
});

describe('custom output validators', () => {
  const custom = { ...base, 'problem.yaml': 'name: x\nvalidation: custom\nvalidator_flags: case_sensitive\n' };

  it('takes a C++ validator with its headers, and the flags', async () => {
    const p = await readKattisPackage(
      zip({ ...custom, 'output_validators/v/v.cpp': 'int main(){}', 'output_validators/v/validate.h': '' }),
    );
    expect(p.checker).toMatchObject({ type: 'custom', language: 'cpp', flags: ['case_sensitive'] });
    expect(Object.keys((p.checker as { files: object }).files).sort()).toEqual(['v.cpp', 'validate.h']);
  });

  it('takes a Python validator from the 2023-07 folder', async () => {
    const p = await readKattisPackage(zip({ ...custom, 'output_validator/check.py': 'import sys' }));
    expect(p.checker).toMatchObject({ type: 'custom', language: 'python' });
  });

  it('refuses a custom validation without a usable validator', async () => {
    expect(await code(readKattisPackage(zip(custom)))).toBe('NO_VALIDATOR');
    expect(await code(readKattisPackage(zip({ ...custom, 'output_validators/v/v.rs': '' })))).toBe(
      'UNSUPPORTED_VALIDATOR',
    );
    expect(
      await code(readKattisPackage(zip({ ...custom, 'output_validators/a/a.py': '', 'output_validators/b/b.py': '' }))),
    ).toBe('SEVERAL_VALIDATORS');
  });
});

describe('bastion.yaml', () => {
  it('reads the security policy and refuses a bad one', async () => {
    const p = await readKattisPackage(
      zip({ ...base, 'bastion.yaml': 'security:\n  weight: 0.4\n  bannedApis: [gets]\n' }),
    );
    expect(p.security).toMatchObject({ weight: 0.4, bannedApis: ['gets'], static: true, failOn: 'high' });
    expect((await readKattisPackage(zip(base))).security.weight).toBe(0);
    expect(await code(readKattisPackage(zip({ ...base, 'bastion.yaml': 'security:\n  weight: 7\n' })))).toBe(
      'BAD_BASTION_YAML',
    );
  });
});

describe('attack tests', () => {
  it('reads data/attack with optional answers and forbidden output, after the scored tests', async () => {
    const p = await readKattisPackage(
      zip({
        ...base,
        'data/attack/long.in': 'A'.repeat(100),
        'data/attack/inject.in': '; id',
        'data/attack/inject.forbid': 'uid=\n\n',
      }),
    );
    const attacks = p.tests.filter((t) => t.kind === 'attack');
    expect(attacks.map((t) => [t.name, t.checkAnswer, t.forbidden])).toEqual([
      ['attack/inject', false, ['uid=']],
      ['attack/long', false, []],
    ]);
    expect(p.tests.at(-1)?.kind).toBe('attack');
  });

  it('reads the test groups of a legacy scoring package: accept_score, grader_flags, ignore_sample', async () => {
    const p = await readKattisPackage(
      zip({
        ...base,
        'problem.yaml': 'name: Groups\ntype: scoring\n',
        'data/testdata.yaml': 'on_reject: continue\ngrader_flags: ignore_sample sum\n',
        'data/secret/g1/testdata.yaml': 'on_reject: break\naccept_score: 25\ngrader_flags: min\nrange: 0 25\n',
        'data/secret/g2/1.in': '1',
        'data/secret/g2/1.ans': '1',
      }),
    );
    expect(p.scoring).toEqual({
      type: 'scoring',
      ignoreSamples: true,
      groups: [{ path: 'secret/g1', aggregation: 'min', score: null }],
    });
    expect(p.tests.map((t) => [t.name, t.points])).toEqual([
      ['sample/1', 1],
      ['secret/g1/2', 25],
      ['secret/g1/10', 25],
      ['secret/g2/1', 1],
    ]);
    expect(p.timeMultiplier).toBe(5);
  });

  it('reads 2023-07 group scoring, the time multiplier, and counts samples of pass-fail problems', async () => {
    const p = await readKattisPackage(
      zip({
        ...base,
        'problem.yaml':
          'problem_format_version: 2023-07\nname: {en: Modern, ko: 현대}\ntype: [scoring]\nlimits:\n  time_multipliers: {ac_to_time_limit: 3}\n',
        'data/secret/g1/test_group.yaml': 'scoring:\n  score: 40\n  aggregation: min\n',
      }),
    );
    expect(p.name).toBe('Modern');
    expect(p.scoring.groups).toEqual([{ path: 'secret/g1', aggregation: 'min', score: 40 }]);
    expect(p.timeMultiplier).toBe(3);
    expect((await readKattisPackage(zip(base))).scoring).toEqual({
      type: 'pass-fail',
      ignoreSamples: false,
      groups: [],
    });
  });

  it('keeps reference solutions with their expected verdict and language, and says why one cannot run', async () => {
    const p = await readKattisPackage(
      zip({
        ...base,
        'submissions/accepted/sol.cpp': 'int main(){}',
        'submissions/accepted/Sol.java': 'class Sol {}',
        'submissions/wrong_answer/wa.py': 'print(0)',
        'submissions/time_limit_exceeded/slow.kt': 'fun main() {}',
        'submissions/accepted/multi/a.c': 'int main(){}',
        'submissions/brute_force/b.py': 'print(1)',
      }),
    );
    expect(p.solutions.map((s) => [s.path, s.language, s.expected, s.note !== null])).toEqual([
      ['submissions/accepted/multi', null, 'AC', true],
      ['submissions/accepted/sol.cpp', 'cpp', 'AC', false],
      ['submissions/accepted/Sol.java', 'java', 'AC', false],
      ['submissions/brute_force/b.py', 'python', 'any', false],
      ['submissions/time_limit_exceeded/slow.kt', null, 'TLE', true],
      ['submissions/wrong_answer/wa.py', 'python', 'WA', false],
    ]);
  });

  it('refuses a testdata.yaml that is not YAML', async () => {
    expect(
      await code(
        readKattisPackage(
          zip({ ...base, 'problem.yaml': 'name: X\ntype: scoring\n', 'data/secret/testdata.yaml': 'a: [' }),
        ),
      ),
    ).toBe('BAD_TESTDATA_YAML');
  });

  it("ignores archivers' litter and takes a legacy problem's name from its LaTeX statement", async () => {
    const { 'problem.yaml': _, 'problem_statement/problem.en.md': __, ...rest } = base;
    const nested = Object.fromEntries(Object.entries(rest).map(([k, v]) => [`hello/${k}`, v]));
    const p = await readKattisPackage(
      zip({
        ...nested,
        'hello/problem.yaml': 'source: NWERC\nlicense: cc by-sa\n',
        'hello/problem_statement/problem.en.tex': '\\problemname{Hello World!}\nPrint it.\n',
        'hello/.DS_Store': 'x',
        '__MACOSX/hello/._problem.yaml': 'x',
      }),
    );
    expect(p).toMatchObject({ shortName: 'hello', name: 'Hello World!' });
  });

  it('keeps the statement of every language, Markdown over LaTeX, English first', async () => {
    const { 'problem_statement/problem.en.md': _, ...rest } = base;
    const p = await readKattisPackage(
      zip({
        ...rest,
        'statement/problem.ko.md': '# 안녕',
        'statement/problem.en.tex': '\\problemname{Hello}',
        'statement/problem.en.md': '# Hello',
      }),
    );
    expect(p.statements).toEqual({ en: '# Hello', ko: '# 안녕' });
    expect(p.statement).toBe('# Hello');
  });

  it('tells Python 2 reference solutions apart, and does not run them', async () => {
    expect(isPython2('#!/usr/bin/env python2\nprint(1)\n')).toBe(true);
    expect(isPython2('n = input()\nprint n * 2\n')).toBe(true);
    expect(isPython2('print(1)\nprint (2)\nprint = 3\n')).toBe(false);
    expect(isPython2('#!/usr/bin/python3\nprint x\n')).toBe(false);
    const p = await readKattisPackage(
      zip({ ...base, 'submissions/accepted/old.py': 'print sum(map(int, raw_input().split()))\n' }),
    );
    expect(p.solutions[0]).toMatchObject({ language: null, note: expect.stringMatching(/Python 2/) });
  });

  it('reads a validator sitting right in output_validators/, and a partially_accepted solution', async () => {
    const p = await readKattisPackage(
      zip({
        ...base,
        'problem.yaml': 'name: X\nvalidation: custom\n',
        'output_validators/validator.py': 'import sys\nsys.exit(42)\n',
        'submissions/partially_accepted/sol.py': 'print(1)\n',
      }),
    );
    expect(p.checker).toMatchObject({ type: 'custom', language: 'python' });
    expect(Object.keys((p.checker as { files: Record<string, string> }).files)).toEqual(['validator.py']);
    expect(p.solutions[0].expected).toBe('partial');
  });
});
