import { zipSync } from 'fflate';
import { readKattisPackage } from './kattis-package';
import { PackageError } from './package-error';
import { MAX_YAML_BYTES, PackageYamlReader } from './package-yaml';

const enc = (s: string) => new TextEncoder().encode(s);
const zip = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, enc(v)]))));
const tests = { 'data/sample/1.in': '1', 'data/sample/1.ans': '1' };

function refusal(f: () => unknown): { code: string; status: number; message: string } | string {
  try {
    f();
  } catch (e) {
    if (e instanceof PackageError) return { code: e.code, status: e.status, message: e.message };
    return (e as Error).message;
  }
  return 'accepted';
}

/** A mapping of n keys, one a line. */
const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v${i}`).join('\n');

/** "Billion laughs": each level repeats the one before nine times. */
function laughs(levels: number): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

describe('PackageYamlReader', () => {
  const parse = (src: string, path = 'problem.yaml') => new PackageYamlReader().parse(Buffer.from(src), path);

  it('reads ordinary YAML, anchors and a few aliases included', () => {
    expect(parse('name: Hello\nlimits: { time_limit: 2 }\n')).toEqual({ name: 'Hello', limits: { time_limit: 2 } });
    expect(parse('a: &x [1, 2]\nb: *x\n')).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('refuses a file over MAX_YAML_BYTES with 413 PACKAGE_YAML_TOO_LARGE, naming the file', () => {
    expect(refusal(() => parse(`name: x\n#${'x'.repeat(MAX_YAML_BYTES)}\n`, 'data/testdata.yaml'))).toEqual({
      code: 'PACKAGE_YAML_TOO_LARGE',
      status: 413,
      message: expect.stringMatching(/^data\/testdata\.yaml is \d+ bytes; a YAML file may hold 65536$/),
    });
    expect(parse(`name: x\n#${'x'.repeat(MAX_YAML_BYTES - 20)}\n`)).toEqual({ name: 'x' });
  });

  it('refuses more YAML in one package than the total cap, though each file fits', () => {
    const reader = new PackageYamlReader();
    const file = Buffer.from(`a: 1\n#${'x'.repeat(60 * 1024)}\n`);
    const results = Array.from({ length: 20 }, (_, i) => refusal(() => reader.parse(file, `data/g${i}/testdata.yaml`)));
    expect(results.slice(0, 16)).toEqual(Array(16).fill('accepted'));
    expect(results[17]).toEqual(expect.objectContaining({ code: 'PACKAGE_YAML_TOO_LARGE', status: 413 }));
  });

  it('refuses alias expansion (billion laughs) and very deep nesting with 413', () => {
    expect(refusal(() => parse(laughs(9)))).toEqual(
      expect.objectContaining({ code: 'PACKAGE_YAML_TOO_LARGE', message: expect.stringMatching(/aliases/) }),
    );
    expect(refusal(() => parse(`a: &a 1\nb: [${Array(500).fill('*a').join(', ')}]`))).toEqual(
      expect.objectContaining({ code: 'PACKAGE_YAML_TOO_LARGE' }),
    );
    expect(refusal(() => parse(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}`))).toEqual(
      expect.objectContaining({ code: 'PACKAGE_YAML_TOO_LARGE', message: 'problem.yaml nests too deeply' }),
    );
  });

  it('still refuses duplicate keys, at every level, and broken YAML', () => {
    expect(refusal(() => parse('name: a\nname: b\n'))).toMatch(/unique.*"name"/);
    expect(refusal(() => parse('limits:\n  memory: 1\n  memory: 2\n'))).toMatch(/unique.*"memory"/);
    expect(refusal(() => parse('name: [unclosed\n'))).toEqual(expect.any(String));
    expect(refusal(() => parse(Buffer.from([0x6e, 0x3a, 0x20, 0xff]).toString('latin1')))).toEqual('accepted');
  });

  it('reads a full-size mapping of thousands of keys (the slow duplicate check is not used)', () => {
    const src = keys(5000);
    expect(src.length).toBeLessThan(MAX_YAML_BYTES);
    expect(Object.keys(parse(src) as object)).toHaveLength(5000);
    expect(refusal(() => parse(`${src}\nk4999: again`))).toMatch(/unique.*"k4999"/);
  });
});

describe('readKattisPackage applies the YAML caps to every YAML file', () => {
  const code = async (files: Record<string, string>) => {
    try {
      await readKattisPackage(zip({ 'problem.yaml': 'name: x\n', ...tests, ...files }));
      return 'accepted';
    } catch (e) {
      return e instanceof PackageError ? `${e.status} ${e.code}` : (e as Error).message;
    }
  };
  const big = `a: 1\n#${'x'.repeat(MAX_YAML_BYTES)}\n`;

  it.each(['problem.yaml', 'bastion.yaml', 'data/testdata.yaml', 'data/test_group.yaml'])('%s', async (f) => {
    expect(await code({ [f]: big })).toBe('413 PACKAGE_YAML_TOO_LARGE');
  });

  it("a test group's testdata.yaml (read for scoring problems)", async () => {
    const scoring = { 'problem.yaml': 'name: x\ntype: scoring\n' };
    expect(await code({ ...scoring, 'data/sample/testdata.yaml': big })).toBe('413 PACKAGE_YAML_TOO_LARGE');
    expect(await code({ ...scoring, 'data/sample/testdata.yaml': 'accept_score: 2\n' })).toBe('accepted');
  });

  it('keeps its own codes for YAML that is merely wrong', async () => {
    expect(await code({ 'problem.yaml': 'name: x\nname: y\n' })).toBe('400 BAD_PROBLEM_YAML');
    expect(await code({ 'data/testdata.yaml': 'a: 1\na: 2\n' })).toBe('400 BAD_TESTDATA_YAML');
    expect(await code({ 'bastion.yaml': laughs(6) })).toBe('413 PACKAGE_YAML_TOO_LARGE');
  });
});
