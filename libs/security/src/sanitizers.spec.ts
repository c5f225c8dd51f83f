import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './findings';
import { addressFromInput, foldHardeningAborts, parseHardeningAbort, parseSanitizer } from './sanitizers';

// Real reports, captured from -fsanitize=address,undefined builds in the C judge image.
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', 'sanitizers', name), 'utf8');

describe('parseSanitizer', () => {
  it('reads a use after free at the line of the bad access', () => {
    const [f] = parseSanitizer(fixture('asan-use-after-free.txt'), 'main.c', 'secret/1', 40);
    expect(f).toMatchObject({ tool: 'asan', cwe: 'CWE-416', severity: 'critical', line: 7, file: 'main.c' });
    expect(f.message).toMatch(/use after free on test secret\/1/);
  });

  it('reads a stack buffer overflow as an out-of-bounds write', () => {
    const [f] = parseSanitizer(fixture('asan-stack-overflow.txt'), 'main.c', 'attack/long', 40);
    expect(f).toMatchObject({ tool: 'asan', severity: 'critical' });
    expect(['CWE-121', 'CWE-787']).toContain(f.cwe);
    expect(f.line).toBeGreaterThan(0);
  });

  it('says why a stack overflow that wrecked the stack comes without a line', () => {
    // scanf("%s") into char[16] given 200 bytes: ASan crashes unwinding ("nested bug").
    const [f] = parseSanitizer(fixture('asan-stack-wrecked.txt'), 'main.c', 'attack/long', 40);
    expect(f).toMatchObject({ tool: 'asan', cwe: 'CWE-121', severity: 'critical', line: 0 });
    expect(f.message).toMatch(/on test attack\/long: the overflow wrecked the stack, so the report names no line/);
  });

  it('reads a signed integer overflow from UBSan with line and column', () => {
    const [f] = parseSanitizer(fixture('ubsan-signed-overflow.txt'), 'main.c', 'sample/1', 40);
    expect(f).toMatchObject({ tool: 'ubsan', cwe: 'CWE-190', line: 9, column: 29 });
  });

  it("reads the integer checks' reports (replay.c's wording) as overflow, underflow and truncation", () => {
    const read = (m: string) =>
      parseSanitizer(`main.c:7:1: runtime error: bastion-int: ${m}\n`, 'main.c', 'secret/03', 40);
    expect(read("the cast to 'short' changed 40000 to -25536 (numeric truncation)")).toMatchObject([
      { tool: 'int-check', ruleId: 'int-check.numeric-truncation', cwe: 'CWE-197', severity: 'high', line: 7 },
    ]);
    expect(read("arithmetic result 200 does not fit in 'char', stored as -56 (integer overflow)")[0]).toMatchObject({
      cwe: 'CWE-190',
    });
    expect(read("'u' wrapped around from 0 to 4294967295 by a decrement (integer underflow)")[0]).toMatchObject({
      cwe: 'CWE-191',
      message: 'integer underflow on test secret/03',
    });
    // anything else after the prefix is UBSan's vocabulary again
    expect(read('integer overflow: 1 + 2147483647')[0]).toMatchObject({ tool: 'int-check', cwe: 'CWE-190' });
  });

  it('reads a leak at its allocation, high wherever it was allocated (checked while main still holds its own)', () => {
    const report = fixture('lsan-leak.txt');
    const [inMain] = parseSanitizer(report, 'main.c', 'sample/1', 40);
    expect(inMain).toMatchObject({ tool: 'lsan', ruleId: 'lsan.leak', cwe: 'CWE-401', severity: 'high', line: 3 });
    const [inFunction] = parseSanitizer(report.replace(' in main ', ' in read_all '), 'main.c', 'sample/1', 40);
    expect(inFunction).toMatchObject({ tool: 'lsan', cwe: 'CWE-401', severity: 'high', line: 3 });
  });

  it("reads GCC 12's refused allocation (numbers inside the headline) as CWE-789, by headline or SUMMARY", () => {
    const report =
      '==8442==ERROR: AddressSanitizer: requested allocation size 0xffffffffffffffff (0x800 after adjustments ' +
      'for alignment, red zones etc.) exceeds maximum supported size of 0x10000000000 (thread T0)\n' +
      '    #0 0x7f6a304b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69\n' +
      '    #1 0x5648507aa384 in f1 /box/main.c:40\n' +
      '==8442==HINT: if you do not care about these errors you may set allocator_may_return_null=1\n' +
      'SUMMARY: AddressSanitizer: allocation-size-too-big ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69 in __interceptor_malloc\n';
    const [f] = parseSanitizer(report, 'main.c', 'secret/3', 50);
    expect(f).toMatchObject({ cwe: 'CWE-789', severity: 'high', line: 40 });
    const bySummary = report.replace('requested allocation size', 'allocation of');
    expect(parseSanitizer(bySummary, 'main.c', 'secret/3', 50)[0]).toMatchObject({ cwe: 'CWE-789', line: 40 });
  });

  describe('a program that prints its hidden input in the shape of a report', () => {
    const SECRET = 'hidden-answer-7f3c';
    const leaks = (fs: Finding[]) => JSON.stringify(fs).includes(SECRET) || JSON.stringify(fs).includes('7f3c');

    it('gets no text of its own into a UBSan finding, and one finding per run', () => {
      const forged = [1, 2, 3].map((i) => `main.c:${i}:1: runtime error: integer overflow ${SECRET}`).join('\n');
      const fs = parseSanitizer(forged, 'main.c', 'secret/1', 40);
      expect(fs).toHaveLength(1);
      expect(fs[0]).toMatchObject({ tool: 'ubsan', cwe: 'CWE-190', line: 1, ruleId: 'ubsan.integer-overflow' });
      expect(leaks(fs)).toBe(false);
    });

    it('keeps only an ASan kind from the known vocabulary; the rest is an unnamed memory error', () => {
      const forged = `==1==ERROR: AddressSanitizer: ${SECRET} on address 0x602000000011 at pc 0x1\n`;
      const [f] = parseSanitizer(forged, 'main.c', 'secret/1', 40);
      expect(f).toMatchObject({ tool: 'asan', ruleId: 'asan.unknown', cwe: 'CWE-119' });
      expect(leaks([f])).toBe(false);
      const spaced = parseSanitizer(`==1==ERROR: AddressSanitizer: heap-use-after-free ${SECRET}\n`, 'main.c', 't', 40);
      // a known kind followed by anything keeps the kind, and only the kind
      expect(spaced[0].ruleId).toBe('asan.heap-use-after-free');
      expect(leaks(spaced)).toBe(false);
    });

    it('names no line the source does not have, and no leak size', () => {
      const forged =
        '==1==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000\n' +
        '    #0 0x55 in main /box/main.c:98765:4\n' +
        '==1==ERROR: LeakSanitizer: detected memory leaks\n    #1 0x55 in main main.c:12345\n' +
        'SUMMARY: AddressSanitizer: 1234567 byte(s) leaked in 1 allocation(s).\n';
      const fs = parseSanitizer(forged, 'main.c', 'secret/2', 40);
      expect(fs.map((f) => f.line)).toEqual([0, 0]);
      expect(JSON.stringify(fs)).not.toMatch(/98765|12345|1234567/);
    });

    it('keeps a plausible column only with a line', () => {
      const [f] = parseSanitizer('main.c:3:99999999: runtime error: division by zero', 'main.c', 't', 40);
      expect(f).toMatchObject({ line: 3, column: 0, cwe: 'CWE-369' });
    });
  });

  it('reads a double free as CWE-415, with no address in its rule id', () => {
    const report =
      '==7==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:\n' +
      '    #0 0x7f in free (/lib/libasan.so.8+0xb7)\n    #1 0x55 in main /box/main.c:6:3\n';
    const [f] = parseSanitizer(report, 'main.c', 'secret/1', 10);
    expect(f).toMatchObject({ ruleId: 'asan.attempting-double-free', cwe: 'CWE-415', line: 6, column: 3 });
    const bad =
      '==7==ERROR: AddressSanitizer: attempting free on address which was not malloc()-ed: 0x7ff in thread T0\n';
    expect(parseSanitizer(bad, 'main.c', 't', 10)[0]).toMatchObject({ cwe: 'CWE-590' });
  });

  it("reads an abort only as C++'s refusal of a negative or overflowing array length", () => {
    const abrt =
      'AddressSanitizer:DEADLYSIGNAL\n=================================================================\n' +
      '==17==ERROR: AddressSanitizer: ABRT on unknown address 0x03e800000011 (pc 0x7f64 bp 0x7f64 sp 0x7fff T0)\n' +
      '    #0 0x7f6494c72eec  (/lib/x86_64-linux-gnu/libc.so.6+0x8aeec)\n' +
      '    #2 0x7f6494c0e471 in abort (/lib/x86_64-linux-gnu/libc.so.6+0x26471)\n' +
      '    #7 0x7f649559b3f8 in __cxa_throw_bad_array_new_length (/lib/x86_64-linux-gnu/libstdc++.so.6+0x9d3f8)\n' +
      '    #8 0x55dd5cea9593 in f1::f2() /box/main.cpp:45\n' +
      '    #9 0x55dd5cea9662 in main /box/main.cpp:63\n' +
      'SUMMARY: AddressSanitizer: ABRT (/lib/x86_64-linux-gnu/libc.so.6+0x8aeec)\n==17==ABORTING\n';
    const refused =
      "terminate called after throwing an instance of 'std::bad_array_new_length'\n  what():  std::bad_array_new_length\n";
    expect(parseSanitizer(refused + abrt, 'main.cpp', 'secret/3', 70)).toEqual([
      expect.objectContaining({ ruleId: 'asan.bad-array-new-length', cwe: 'CWE-789', severity: 'high', line: 45 }),
    ]);
    // a failed assert, another exception: a runtime error, no finding
    const other = "terminate called after throwing an instance of 'std::out_of_range'\n";
    expect(parseSanitizer(other + abrt, 'main.cpp', 't', 70)).toEqual([]);
    expect(
      parseSanitizer("main: main.cpp:9: int main(): Assertion `n > 0' failed.\n" + abrt, 'main.cpp', 't', 70),
    ).toEqual([]);
  });

  it("reads the harness's note of unwritten memory in the output, and only as the report's last line", () => {
    expect(parseSanitizer('\nbastion-uninit: stack\n', 'main.c', 'secret/1', 10)).toEqual([
      expect.objectContaining({
        tool: 'uninit-check',
        ruleId: 'uninit-check.uninitialised-variable',
        cwe: 'CWE-457',
        severity: 'high',
        line: 0,
      }),
    ]);
    expect(parseSanitizer('warn\n\nbastion-uninit: heap\n', 'main.cpp', 't', 10)[0]).toMatchObject({
      ruleId: 'uninit-check.uninitialised-heap',
    });
    expect(parseSanitizer('bastion-uninit: stack\nmore\n', 'main.c', 't', 10)).toEqual([]);
  });

  it('reads a misaligned pointer made of the input bytes as write-what-where (CWE-123), else as undefined behavior', () => {
    const report = (what: string, address: string) =>
      `main.c:54:26: runtime error: ${what} misaligned address ${address} for type 'struct node', which requires 8 byte alignment\n`;
    const input = Buffer.from(`${'A'.repeat(600)}\n`);
    expect(parseSanitizer(report('member access within', '0x41414141414141'), 'main.c', 't', 60, input)).toEqual([
      expect.objectContaining({ cwe: 'CWE-123', severity: 'critical', line: 54 }),
    ]);
    expect(parseSanitizer(report('load of', '0x41414141414141'), 'main.c', 't', 60, input)[0].cwe).toBe('CWE-822');
    // an address the input does not hold, or no input known: the general kind
    expect(parseSanitizer(report('store to', '0x55d3e2a1c0f1'), 'main.c', 't', 60, input)[0].cwe).toBe('CWE-758');
    expect(parseSanitizer(report('store to', '0x41414141414141'), 'main.c', 't', 60)[0].cwe).toBe('CWE-758');
  });

  it('tells an address made of input bytes, as memory holds them (little-endian), 4 bytes at least', () => {
    expect(addressFromInput('0x0000000044434241', Buffer.from('xxABCDyy'))).toBe(true);
    expect(addressFromInput('0x41424344', Buffer.from('xxABCDyy'))).toBe(false); // the other byte order
    expect(addressFromInput('0x00000000004241', Buffer.from('ABCD'))).toBe(false); // fewer than 4 bytes
    expect(addressFromInput('not-an-address', Buffer.from('ABCD'))).toBe(false);
  });

  it('finds nothing in clean output', () => {
    expect(parseSanitizer('', 'main.c', 't', 40)).toEqual([]);
    expect(parseSanitizer('Segmentation fault', 'main.c', 't', 40)).toEqual([]);
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
