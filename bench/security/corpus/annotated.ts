/**
 * Semgrep-style rule tests (`# ruleid: <rule>` / `# ok: <rule>` above a statement), as PurpleLlama's
 * insecure-code-detector ships them for Python and JavaScript: every annotated statement becomes a
 * program of its own — the file with that statement kept, every other annotated statement taken
 * out, all comments stripped (the annotations are the labels) — plus a driver that calls the
 * file's top-level functions with lines read from stdin, so their parameters are input.
 */
import { stripComments, tidy } from './c-like';

export type ScriptLanguage = 'python' | 'javascript';

export interface Annotated {
  kind: 'ruleid' | 'ok';
  rule: string;
  /** 0-based ordinal among the file's annotations. */
  index: number;
  program: string;
}

const ANNOTATION = /^\s*(?:#|\/\/)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.-]+)/;

/** Bracket depth change of a line, ignoring brackets in simple quoted strings. */
function depthDelta(line: string): number {
  const code = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '');
  return (code.match(/[([{]/g)?.length ?? 0) - (code.match(/[)\]}]/g)?.length ?? 0);
}

/** Removes Python comments (a `#` outside string literals to the end of its line), keeping strings intact. */
export function stripPythonComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\u0000';
    } else if (c === '"' || c === "'") {
      const q = src.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < src.length && !src.startsWith(q, j) && !(q.length === 1 && src[j] === '\n'))
        j += src[j] === '\\' ? 2 : 1;
      j = Math.min(j + q.length, src.length);
      out += src.slice(i, j);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return tidy(
    out
      .split('\n')
      .filter((l) => !(l.includes('\u0000') && /^[\s\u0000]*$/.test(l)))
      .map((l) => l.replace(/\s*\u0000/g, ''))
      .join('\n'),
  );
}

/** Calls each top-level function with its required parameters taken from stdin lines. */
export function driver(src: string, language: ScriptLanguage): string {
  const defs =
    language === 'python'
      ? [...src.matchAll(/^def\s+(\w+)\s*\(([^)]*)\)/gm)]
      : [...src.matchAll(/^(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/gm)];
  const calls = defs.map(([, name, params]) => {
    const n = params
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p && p !== 'self' && !p.startsWith('*') && !p.includes('=')).length;
    return `${name}(${Array.from({ length: n }, (_, k) => `lines[${k}]`).join(', ')})`;
  });
  if (!calls.length) return src;
  return language === 'python'
    ? `${src}\nif __name__ == "__main__":\n    import sys\n    lines = sys.stdin.read().split("\\n") + [""] * 8\n${calls.map((c) => `    ${c}`).join('\n')}\n`
    : `${src}\nconst lines = require('fs').readFileSync(0, 'utf8').split('\\n').concat(Array(8).fill(''));\n${calls.map((c) => `${c};`).join('\n')}\n`;
}

export function annotatedPrograms(raw: string, language: ScriptLanguage): Annotated[] {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  // each annotation: its kind, rule, and the lines [from, to) of the statement it labels
  const marks: { kind: string; rule: string; at: number; from: number; to: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) continue;
    let from = i + 1;
    while (from < lines.length && (!lines[from].trim() || ANNOTATION.test(lines[from]))) from++;
    let to = from + 1;
    for (let depth = depthDelta(lines[from] ?? ''); depth > 0 && to < lines.length; to++)
      depth += depthDelta(lines[to]);
    marks.push({ kind: m[1], rule: m[2], at: i, from, to });
  }
  const out: Annotated[] = [];
  marks.forEach((mark, index) => {
    if (mark.kind !== 'ruleid' && mark.kind !== 'ok') return;
    const text = lines
      .map((line, i) => {
        if (marks.some((o) => o.at === i)) return null;
        const other = marks.find((o) => o !== mark && i >= o.from && i < o.to);
        if (!other) return line;
        if (i !== other.from) return null;
        return language === 'python' ? `${/^\s*/.exec(line)![0]}pass` : null;
      })
      .filter((l): l is string => l !== null)
      .join('\n');
    const clean = language === 'python' ? stripPythonComments(text) : stripComments(text);
    out.push({ kind: mark.kind, rule: mark.rule, index, program: driver(clean, language) });
  });
  return out;
}
