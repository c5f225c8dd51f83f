import { DEFAULT_POLICY } from '@bastion/security';
import { writeKattisPackage } from './kattis-export';
import { readKattisPackage } from './kattis-package';

const test = (name: string, kind: 'sample' | 'secret' | 'attack', input: string, answer: string, extra = {}) => ({
  name,
  kind,
  input: Buffer.from(input),
  answer: Buffer.from(answer),
  checkAnswer: true,
  forbidden: [] as string[],
  points: 1,
  ...extra,
});

describe('writeKattisPackage', () => {
  it('round-trips through the reader', async () => {
    const original = {
      shortName: 'hello',
      name: 'Hello',
      statement: '# Hello\n',
      timeLimitMs: 2500,
      memoryLimitMb: 128,
      outputLimitBytes: 4 * 1024 * 1024,
      checker: { type: 'float' as const, absTol: 1e-6, relTol: 1e-4 },
      security: { ...DEFAULT_POLICY, weight: 0.3, bannedApis: ['gets'], disabledRules: ['c-gets'] },
      tests: [
        test('sample/1', 'sample', '1\n', '1\n'),
        test('secret/g1/2', 'secret', '2\n', '2\n'),
        test('attack/inject', 'attack', 'x; id\n', '', { checkAnswer: false, forbidden: ['uid='] }),
      ],
    };
    const back = await readKattisPackage(writeKattisPackage(original));
    expect(back).toMatchObject({
      shortName: 'hello',
      name: 'Hello',
      statement: '# Hello\n',
      timeLimitMs: 2500,
      memoryLimitMb: 128,
      outputLimitBytes: 4 * 1024 * 1024,
      checker: original.checker,
      security: original.security,
    });
    expect(back.tests.map((t) => [t.name, t.kind, t.input.toString(), t.checkAnswer, t.forbidden])).toEqual(
      original.tests.map((t) => [t.name, t.kind, t.input.toString(), t.checkAnswer, t.forbidden]),
    );
  });

  it('keeps a custom validator and the default checker', async () => {
    const back = await readKattisPackage(
      writeKattisPackage({
        shortName: 'v',
        name: 'V',
        statement: '',
        timeLimitMs: 1000,
        memoryLimitMb: 256,
        outputLimitBytes: 8 << 20,
        checker: {
          type: 'custom',
          language: 'python',
          files: { 'check.py': Buffer.from('import sys').toString('base64') },
          flags: ['x'],
        },
        security: DEFAULT_POLICY,
        tests: [test('sample/1', 'sample', '1', '1')],
      }),
    );
    expect(back.checker).toMatchObject({ type: 'custom', language: 'python', flags: ['x'] });
  });

  it('round-trips test groups, their points and reference solutions', async () => {
    const scoring = {
      type: 'scoring' as const,
      ignoreSamples: true,
      groups: [
        { path: 'secret/g1', aggregation: 'min' as const, score: null },
        { path: 'secret/g2', aggregation: 'sum' as const, score: 60 },
      ],
    };
    const zip = writeKattisPackage({
      shortName: 's',
      name: 'S',
      statement: '',
      timeLimitMs: 1000,
      memoryLimitMb: 256,
      outputLimitBytes: 8 << 20,
      checker: { type: 'tokens' },
      security: DEFAULT_POLICY,
      tests: [
        test('sample/1', 'sample', '1', '1'),
        test('secret/g1/1', 'secret', '1', '1', { points: 40 }),
        test('secret/g1/2', 'secret', '2', '2', { points: 40 }),
        test('secret/g2/1', 'secret', '3', '3'),
      ],
      scoring,
      solutions: [{ path: 'submissions/accepted/sol.py', source: 'print(1)\n' }],
    });
    const back = await readKattisPackage(zip);
    expect(back.scoring).toEqual(scoring);
    expect(back.tests.map((t) => t.points)).toEqual([1, 40, 40, 1]);
    expect(back.solutions).toEqual([
      { path: 'submissions/accepted/sol.py', language: 'python', expected: 'AC', source: 'print(1)\n', note: null },
    ]);
  });
});
