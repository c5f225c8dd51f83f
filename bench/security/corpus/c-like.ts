/**
 * Small source-text transforms for C, C++ and Java test cases: strip comments, keep or drop
 * preprocessor-guarded blocks, rename identifiers. A lexer that knows comments, string and char
 * literals is enough here; nothing needs a parse tree.
 */

/** One piece of source: code (identifiers, punctuation, spaces), a literal, or a comment. */
type Piece = { kind: 'code' | 'literal' | 'comment'; text: string };

function pieces(src: string): Piece[] {
  const out: Piece[] = [];
  let code = '';
  const flush = () => {
    if (code) out.push({ kind: 'code', text: code });
    code = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      let j = src.indexOf('\n', i);
      if (j < 0) j = src.length;
      flush();
      out.push({ kind: 'comment', text: src.slice(i, j) });
      i = j;
    } else if (c === '/' && next === '*') {
      let j = src.indexOf('*/', i + 2);
      j = j < 0 ? src.length : j + 2;
      flush();
      out.push({ kind: 'comment', text: src.slice(i, j) });
      i = j;
    } else if (c === '"' || c === "'" || c === '`') {
      // a JavaScript template literal may span lines; C, C++ and Java have none
      let j = i + 1;
      while (j < src.length && src[j] !== c && (c === '`' || src[j] !== '\n')) j += src[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, src.length);
      flush();
      out.push({ kind: 'literal', text: src.slice(i, j) });
      i = j;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out;
}

/** Removes comments, the lines they leave empty, trailing spaces and runs of blank lines. */
export function stripComments(src: string): string {
  const MARK = '\u0000'; // where a comment was: a line holding only marks and spaces goes
  const text = pieces(src)
    .map((p) => (p.kind !== 'comment' ? p.text : p.text.replace(/[^\n]+/g, MARK)))
    .join('')
    .split('\n')
    .filter((l) => !(l.includes(MARK) && /^[\s\u0000]*$/.test(l)))
    .map((l) => l.split(MARK).join(' '))
    .join('\n');
  return tidy(text);
}

export function tidy(text: string): string {
  return `${text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * Rewrites every identifier outside literals and comments for which `rename` returns a new name;
 * with `inLiterals`, words inside string and char literals too.
 */
export function renameIdentifiers(src: string, rename: (id: string) => string | null, inLiterals = false): string {
  return pieces(src)
    .map((p) =>
      p.kind === 'code'
        ? p.text.replace(/\b[A-Za-z_]\w*\b/g, (id) => rename(id) ?? id)
        : inLiterals && p.kind === 'literal'
          ? p.text.replace(LITERAL_WORD, (w) => (w.startsWith('\\') ? w : (rename(w) ?? w)))
          : p.text,
    )
    .join('');
}

/** Inside a literal: an escape (kept whole, so `\nbad` is `\n` and `bad`) or a word. */
const LITERAL_WORD = /\\.|[A-Za-z_]\w*/g;

/** Every word inside string and char literals. */
export function literalWords(src: string): string[] {
  return pieces(src)
    .filter((p) => p.kind === 'literal')
    .flatMap((p) => (p.text.match(LITERAL_WORD) ?? []).filter((w) => !w.startsWith('\\')));
}

/** Every identifier outside literals and comments, in order of first appearance. */
export function identifiers(src: string): string[] {
  const seen = new Set<string>();
  for (const p of pieces(src))
    if (p.kind === 'code') for (const m of p.text.matchAll(/\b[A-Za-z_]\w*\b/g)) seen.add(m[0]);
  return [...seen];
}

/** Whether the identifier appears in code (not only in a comment or a literal). */
export const usesIdentifier = (src: string, id: string): boolean => identifiers(src).includes(id);

/**
 * Evaluates the preprocessor conditionals `decide` knows (e.g. `#ifndef OMITBAD` → true/false) and
 * leaves every other directive as it is. `decide` gets the directive's text after `#` and returns
 * whether its block is compiled, or null for a conditional it does not know.
 */
export function resolveConditionals(src: string, decide: (directive: string) => boolean | null): string {
  // each open conditional: null = not ours (kept verbatim), else whether its current branch is kept
  const stack: ({ keep: boolean } | null)[] = [];
  const live = () => stack.every((s) => s === null || s.keep);
  const out: string[] = [];
  for (const line of src.split('\n')) {
    const d = /^\s*#\s*(\w+)\s*(.*)$/.exec(line);
    const word = d?.[1];
    if (word === 'if' || word === 'ifdef' || word === 'ifndef') {
      const known = decide(`${word} ${d![2].trim()}`);
      stack.push(known === null ? null : { keep: known });
      if (known === null && live()) out.push(line);
      continue;
    }
    if ((word === 'else' || word === 'elif' || word === 'endif') && stack.length) {
      const top = stack[stack.length - 1];
      if (word === 'endif') stack.pop();
      if (top === null) {
        if (live()) out.push(line);
      } else if (word === 'else') top.keep = !top.keep;
      else if (word === 'elif') throw new Error(`#elif after a resolved conditional is not supported: ${line}`);
      continue;
    }
    if (live()) out.push(line);
  }
  return out.join('\n');
}
