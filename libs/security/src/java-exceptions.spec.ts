import { parseJavaException } from './java-exceptions';

// Real stderr of uncaught exceptions (OpenJDK 17 in the Java judge image).
const AIOOBE = [
  'Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: Index -7777 out of bounds for length 3',
  '\tat Main.f(Main.java:3)',
  '\tat Main.main(Main.java:7)',
].join('\n');

describe('parseJavaException', () => {
  it('reads an index out of bounds at the line that threw it, keeping none of its message', () => {
    const [f] = parseJavaException(AIOOBE, 'Main.java', 'secret/02', 10);
    expect(f).toMatchObject({
      tool: 'jvm',
      ruleId: 'jvm.ArrayIndexOutOfBoundsException',
      cwe: 'CWE-129',
      severity: 'high',
      line: 3,
      message: 'array index out of bounds on test secret/02',
      evidence: { kind: 'run', test: 'secret/02' },
    });
    expect(JSON.stringify(f)).not.toContain('7777');
  });

  it('reads a division by zero and a negative array size; other exceptions are no finding', () => {
    const div = 'Exception in thread "main" java.lang.ArithmeticException: / by zero\n\tat Main.main(Main.java:4)\n';
    expect(parseJavaException(div, 'Main.java', 't', 10)[0]).toMatchObject({ cwe: 'CWE-369', line: 4 });
    const neg = 'Exception in thread "main" java.lang.NegativeArraySizeException: -1\n\tat Main.main(Main.java:3)';
    expect(parseJavaException(neg, 'Main.java', 't', 10)[0]).toMatchObject({ cwe: 'CWE-129', line: 3 });
    const big =
      'Exception in thread "main" java.lang.ArithmeticException: BigInteger divide by zero\n\tat Main.main(Main.java:4)';
    expect(parseJavaException(big, 'Main.java', 't', 10)).toEqual([]);
    const npe = 'Exception in thread "main" java.lang.NullPointerException\n\tat Main.main(Main.java:4)';
    expect(parseJavaException(npe, 'Main.java', 't', 10)).toEqual([]);
    expect(parseJavaException('', 'Main.java', 't', 10)).toEqual([]);
  });

  it('gives no line when the frame is not in the source, or past its end', () => {
    const inLibrary =
      'Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: x\n\tat java.base/java.util.Arrays.fill(Arrays.java:3287)';
    expect(parseJavaException(inLibrary, 'Main.java', 't', 10)[0].line).toBe(0);
    expect(parseJavaException(AIOOBE.replace('Main.java:3', 'Main.java:99'), 'Main.java', 't', 10)[0].line).toBe(0);
  });
});
