import type { CweId } from './cwe';
import type { Finding, Severity } from './findings';
import { GCC_LINE } from './parsers';

/**
 * Warnings of the functional C/C++ build (its flags have -Wall) that are findings: free, the
 * compiler has already run. Only GCC's definite `-Wuninitialized` ("'x' is used uninitialized": a
 * read of a variable no path has given a value) is one, and a failing one; `-Wmaybe-uninitialized`
 * guesses across paths and misfires on correct code, so it is left out. A warning located in a
 * header (fortify's inline printf the variable was passed to) is placed at the submission's line.
 * GCC quotes names with ‘’ in a UTF-8 locale (the judge's) and '' otherwise: both are read.
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
  const inSource = (file: string) => file.replace(/^\/box\//, '') === sourceFile;
  const lines = output.split('\n');
  /** The submission's lines the context before a diagnostic names (`inlined from 'f' at main.c:29:9`). */
  let inlinedAt: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trimEnd();
    const via = /^\s+inlined from ['‘][^'’]*['’] at (.+?):(\d+):\d+[,:]$/.exec(raw);
    if (via) {
      if (inSource(via[1])) inlinedAt.push(Number(via[2]));
      continue;
    }
    const m = GCC_LINE.exec(raw);
    if (!m) continue;
    const context = inlinedAt;
    inlinedAt = [];
    if (m[4] !== 'warning') continue;
    const w = Object.prototype.hasOwnProperty.call(WARNINGS, m[7]) ? WARNINGS[m[7]] : undefined;
    if (!w) continue;
    let line = Number(m[2]);
    let column = Number(m[3]) || 0;
    if (!inSource(m[1])) {
      // Seen inside a header's inline function (fortify's printf): the submission's line is where
      // the variable was declared (the note that follows), else the last call that led there.
      let declared: RegExpExecArray | null = null;
      for (let k = i + 1; k < Math.min(lines.length, i + 12) && !declared && !GCC_LINE.test(lines[k].trimEnd()); k++) {
        const d = /^(.+?):(\d+):(\d+): note: ['‘][^'’]*['’] was declared here$/.exec(lines[k].trimEnd());
        if (d && inSource(d[1])) declared = d;
      }
      line = declared ? Number(declared[2]) : (context[context.length - 1] ?? 0);
      column = declared ? Number(declared[3]) || 0 : 0;
    }
    if (!Number.isSafeInteger(line) || line < 1) continue;
    found.push({
      tool: 'gcc',
      ruleId: `gcc.${m[7]}`,
      cwe: w.cwe,
      severity: w.severity,
      file: sourceFile,
      line,
      column: Math.min(Math.max(column, 0), 4096),
      message: w.what,
      fixHint: w.fixHint,
    });
  }
  return found;
}
