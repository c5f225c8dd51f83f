import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './findings';
import { foldHardeningAborts, parseHardeningAbort, parseSanitizer } from './sanitizers';

// Real reports, captured from -fsanitize=address,undefined builds in the C judge image.
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', 'sanitizers', name), 'utf8');

describe('parseSanitizer', () => {
  it('reads a use after free at the line of the bad access', () => {
    const [f] = parseSanitizer(fixture('asan-use-after-free.txt'), 'main.c', 'secret/1');
    expect(f).toMatchObject({ tool: 'asan', cwe: 'CWE-416', severity: 'critical', line: 7, file: 'main.c' });
    expect(f.message).toMatch(/use after free on test secret\/1/);
  });

  it('reads a stack buffer overflow as an out-of-bounds write', () => {
    const [f] = parseSanitizer(fixture('asan-stack-overflow.txt'), 'main.c', 'attack/long');
    expect(f).toMatchObject({ tool: 'asan', severity: 'critical' });
    expect(['CWE-121', 'CWE-787']).toContain(f.cwe);
    expect(f.line).toBeGreaterThan(0);
  });

  it('says why a stack overflow that wrecked the stack comes without a line', () => {
    // scanf("%s") into char[16] given 200 bytes: ASan crashes unwinding ("nested bug").
    const [f] = parseSanitizer(fixture('asan-stack-wrecked.txt'), 'main.c', 'attack/long');
    expect(f).toMatchObject({ tool: 'asan', cwe: 'CWE-121', severity: 'critical', line: 0 });
    expect(f.message).toMatch(/on test attack\/long: the overflow wrecked the stack, so the report names no line/);
  });

  it('reads a signed integer overflow from UBSan with line and column', () => {
    const [f] = parseSanitizer(fixture('ubsan-signed-overflow.txt'), 'main.c', 'sample/1');
    expect(f).toMatchObject({ tool: 'ubsan', cwe: 'CWE-190', line: 9, column: 29 });
  });

  it('reads a leak at its allocation', () => {
    const [f] = parseSanitizer(fixture('lsan-leak.txt'), 'main.c', 'sample/1');
    expect(f).toMatchObject({ tool: 'lsan', cwe: 'CWE-401', severity: 'low', line: 3 });
  });

  it('finds nothing in clean output', () => {
    expect(parseSanitizer('', 'main.c', 't')).toEqual([]);
    expect(parseSanitizer('Segmentation fault', 'main.c', 't')).toEqual([]);
  });
});

describe('parseHardeningAbort', () => {
  it('reads stack-protector and fortify aborts', () => {
    expect(parseHardeningAbort('*** stack smashing detected ***: terminated\n', 'main.c', 'attack/a')).toEqual([
      expect.objectContaining({ tool: 'hardened-build', cwe: 'CWE-121', severity: 'critical' }),
    ]);
    expect(parseHardeningAbort('*** buffer overflow detected ***: terminated', 'main.c', 'attack/a')[0].cwe).toBe(
      'CWE-120',
    );
    expect(parseHardeningAbort('Aborted', 'main.c', 'attack/a')).toEqual([]);
  });
});

describe('foldHardeningAborts', () => {
  const finding = (tool: string, cwe: Finding['cwe'], line: number): Finding => ({
    tool,
    ruleId: `${tool}.x`,
    cwe,
    severity: 'critical',
    file: 'main.c',
    line,
    column: 0,
    message: `${tool} on test attack/long`,
    fixHint: '',
  });
  const fortify = finding('hardened-build', 'CWE-120', 0);
  const smashing = finding('hardened-build', 'CWE-121', 0);

  it('joins an abort to the ASan overrun it confirms, which keeps its line', () => {
    const asan = finding('asan', 'CWE-121', 7);
    expect(foldHardeningAborts([asan, fortify])).toEqual([{ ...asan, tool: 'asan+hardened-build' }]);
    expect(foldHardeningAborts([fortify, smashing, asan])).toEqual([{ ...asan, tool: 'asan+hardened-build' }]);
  });

  it('prefers a report of the same CWE, and leaves the other findings alone', () => {
    const heap = finding('asan', 'CWE-122', 3);
    const stack = finding('asan', 'CWE-121', 0);
    const gets = finding('ast-grep', 'CWE-242', 4);
    const folded = foldHardeningAborts([gets, heap, stack, smashing]);
    expect(folded).toEqual([gets, heap, { ...stack, tool: 'asan+hardened-build' }]);
  });

  it('joins an out-of-bounds read when ASan saw no write (the overrun happened inside libc)', () => {
    const read = finding('asan', 'CWE-125', 5);
    const uaf = finding('asan', 'CWE-416', 6);
    expect(foldHardeningAborts([read, uaf, smashing])).toEqual([{ ...read, tool: 'asan+hardened-build' }, uaf]);
  });

  it('keeps an abort that no ASan overrun report confirms', () => {
    const uaf = finding('asan', 'CWE-416', 6);
    const strcpy = finding('ast-grep', 'CWE-120', 7);
    expect(foldHardeningAborts([uaf, strcpy, fortify])).toEqual([uaf, strcpy, fortify]);
    expect(foldHardeningAborts([smashing])).toEqual([smashing]);
  });
});
