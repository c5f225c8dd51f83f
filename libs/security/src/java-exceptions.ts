import type { CweId } from './cwe';
import { Finding, runEvidence, Severity } from './findings';

/**
 * The JVM checks every array index and integer division: on a test, a Java program that indexed
 * an array out of its bounds or divided by zero is stopped with an exception, as a sanitizer stops
 * a C program. Uncaught, it ends the run (RE) with the exception and its stack on stderr; that is
 * the finding, at the submission's own line where it was thrown. Only exceptions that name a
 * weakness: a NullPointerException or a bad number format is a crash, found otherwise or not a
 * security matter. The exception's message is never kept: it holds values of the test's input.
 */
const EXCEPTIONS: Readonly<Record<string, { cwe: CweId; severity: Severity; what: string; fixHint: string }>> = {
  'java.lang.ArrayIndexOutOfBoundsException': {
    cwe: 'CWE-129',
    severity: 'high',
    what: 'array index out of bounds',
    fixHint: 'Check that an index is at least 0 and below the array’s length before you use it.',
  },
  'java.lang.NegativeArraySizeException': {
    cwe: 'CWE-129',
    severity: 'high',
    what: 'array created with a negative size',
    fixHint: 'Check that a size read from input is positive (and not too large) before creating the array.',
  },
  'java.lang.ArithmeticException': {
    cwe: 'CWE-369',
    severity: 'high',
    what: 'division by zero',
    fixHint: 'Check that the divisor is not zero before dividing.',
  },
};

export function parseJavaException(stderr: string, sourceFile: string, test: string, sourceLines: number): Finding[] {
  // `Exception in thread "main" java.lang.ArithmeticException: / by zero` then `\tat Main.f(Main.java:12)`
  const head = /^Exception in thread "[^"\n]*" ([\w.$]+)(?::[^\n]*)?$/m.exec(stderr);
  if (!head) return [];
  const kind = Object.prototype.hasOwnProperty.call(EXCEPTIONS, head[1]) ? EXCEPTIONS[head[1]] : undefined;
  if (!kind || (head[1] === 'java.lang.ArithmeticException' && !/: \/ by zero$/.test(head[0]))) return [];
  const file = sourceFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`^\\s+at [\\w.$<>]+\\(${file}:(\\d+)\\)$`, 'm').exec(stderr.slice(head.index));
  const line = at ? Number(at[1]) : 0;
  return [
    {
      tool: 'jvm',
      ruleId: `jvm.${head[1].split('.').pop()}`,
      cwe: kind.cwe,
      severity: kind.severity,
      file: sourceFile,
      line: Number.isSafeInteger(line) && line >= 1 && line <= sourceLines ? line : 0,
      column: 0,
      message: `${kind.what} on test ${test}`,
      fixHint: kind.fixHint,
      evidence: runEvidence(test),
    },
  ];
}
