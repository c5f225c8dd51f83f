import type { CweId } from './cwe';
import type { Finding, Severity } from './findings';
import { GCC_LINE } from './parsers';

/**
 * Warnings of the functional C/C++ build (its flags have -Wall) that are findings: free, the
 * compiler has already run. Only GCC's definite `-Wuninitialized` ("'x' is used uninitialized": a
 * read of a variable no path has given a value) is one, and a failing one; `-Wmaybe-uninitialized`
 * guesses across paths and misfires on correct code, so it is left out. Warnings in headers are
 * not the submission's.
 */
const WARNINGS: Readonly<Record<string, { cwe: CweId; severity: Severity; what: string; fixHint: string }>> = {
  uninitialized: {
    cwe: 'CWE-457',
    severity: 'high',
    what: 'a variable is read before it is given a value',
    fixHint: 'Give every variable a value before it is read (initialise it where it is declared).',
  },
};

export function parseCompilerWarnings(output: string, sourceFile: string): Finding[] {
  const found: Finding[] = [];
  for (const raw of output.split('\n')) {
    const m = GCC_LINE.exec(raw.trimEnd());
    if (!m || m[4] !== 'warning' || m[1].replace(/^\/box\//, '') !== sourceFile) continue;
    const w = Object.prototype.hasOwnProperty.call(WARNINGS, m[7]) ? WARNINGS[m[7]] : undefined;
    const line = Number(m[2]);
    if (!w || !Number.isSafeInteger(line) || line < 1) continue;
    found.push({
      tool: 'gcc',
      ruleId: `gcc.${m[7]}`,
      cwe: w.cwe,
      severity: w.severity,
      file: sourceFile,
      line,
      column: Math.min(Math.max(Number(m[3]) || 0, 0), 4096),
      message: w.what,
      fixHint: w.fixHint,
    });
  }
  return found;
}
