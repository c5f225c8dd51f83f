/**
 * A tokenizer for the C family (C, C++, Java): enough to find functions, statements, calls and
 * assignments, not a parser. It runs in the worker over untrusted source, so it is one linear pass
 * with no regular expression that could backtrack, and it never throws on what it does not know.
 */

export type TokenKind = 'id' | 'num' | 'str' | 'chr' | 'op';

export interface Token {
  t: string;
  kind: TokenKind;
  /** 1-based. */
  line: number;
  col: number;
  /** Offsets in the source: the token is source.slice(at, end) (a string's prefix left out). */
  at: number;
  end: number;
}

/** `#define NAME value` lines: a macro that names another identifier, or a literal. */
export interface Macros {
  /** `#define POPEN popen` → POPEN: popen. */
  aliases: Map<string, string>;
  /** `#define BASEPATH "/tmp/"` → BASEPATH: "/tmp/" (with its quotes). */
  literals: Map<string, string>;
  /** Lines that are preprocessor directives (1-based). */
  directiveLines: Set<number>;
}

const OPS3 = ['<<=', '>>=', '...', '->*'];
const OPS2 = [
  '->',
  '::',
  '<<',
  '>>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '++',
  '--',
];

const isIdStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
const isIdPart = (c: string) => isIdStart(c) || (c >= '0' && c <= '9');
const isDigit = (c: string) => c >= '0' && c <= '9';

export function tokenize(source: string): { tokens: Token[]; macros: Macros } {
  const tokens: Token[] = [];
  const macros: Macros = { aliases: new Map(), literals: new Map(), directiveLines: new Set() };
  const n = source.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true; // only whitespace so far on this line
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      atLineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      i += 2;
      continue;
    }
    if (c === '#' && atLineStart) {
      // A directive, continued by backslash-newlines; only `#define NAME value` is kept.
      const first = line;
      let text = '';
      while (i < n && source[i] !== '\n') {
        if (source[i] === '\\' && source[i + 1] === '\n') {
          macros.directiveLines.add(line);
          line++;
          i += 2;
          lineStart = i;
          text += ' ';
          continue;
        }
        text += source[i++];
      }
      macros.directiveLines.add(line);
      macros.directiveLines.add(first);
      const words = text.slice(1).trim().split(/\s+/, 3);
      if (words[0] === 'define' && words[1] && /^[A-Za-z_]\w*$/.test(words[1]) && words[2] !== undefined) {
        const value = text.slice(text.indexOf(words[1]) + words[1].length).trim();
        if (/^[A-Za-z_]\w*$/.test(value)) macros.aliases.set(words[1], value);
        else if (/^L?"[^"\\]*"$/.test(value)) macros.literals.set(words[1], value.replace(/^L/, ''));
      }
      continue;
    }
    atLineStart = false;
    const col = i - lineStart + 1;
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(source[j])) j++;
      const word = source.slice(i, j);
      // String prefixes: L"…", u8"…", u"…", U"…" (and R"(…)" raw strings, read up to the closing )").
      if ((source[j] === '"' || source[j] === "'") && /^(L|u8|u|U|LR|u8R|uR|UR|R)$/.test(word)) {
        if (word.endsWith('R') && source[j] === '"') {
          const open = source.indexOf('(', j);
          const delim = open > j && open - j <= 17 ? source.slice(j + 1, open) : '';
          const close = source.indexOf(`)${delim}"`, open + 1);
          const end = close < 0 ? n : close + delim.length + 2;
          for (let k = i; k < end; k++) if (source[k] === '\n') line++;
          tokens.push({ t: '""', kind: 'str', line, col, at: j, end });
          i = end;
          continue;
        }
        i = j;
        continue; // the literal itself is read next
      }
      tokens.push({ t: word, kind: 'id', line, col, at: i, end: j });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && (isIdPart(source[j]) || source[j] === '.' || source[j] === "'")) j++;
      tokens.push({ t: source.slice(i, j), kind: 'num', line, col, at: i, end: j });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      // Java text blocks """…""" are read as three strings; harmless here.
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      tokens.push({
        t: source.slice(i, Math.min(j + 1, n)),
        kind: c === '"' ? 'str' : 'chr',
        line,
        col,
        at: i,
        end: Math.min(j + 1, n),
      });
      i = j + 1;
      continue;
    }
    const three = source.slice(i, i + 3);
    const two = source.slice(i, i + 2);
    const op = OPS3.includes(three) ? three : OPS2.includes(two) ? two : c;
    tokens.push({ t: op, kind: 'op', line, col, at: i, end: i + op.length });
    i += op.length;
  }
  return { tokens, macros };
}

/** The deepest nesting of brackets in the tokens. */
export function maxDepth(tokens: readonly Token[]): number {
  let depth = 0;
  let max = 0;
  for (const tk of tokens) {
    if (tk.kind !== 'op') continue;
    if (tk.t === '(' || tk.t === '[' || tk.t === '{') max = Math.max(max, ++depth);
    else if (tk.t === ')' || tk.t === ']' || tk.t === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

/** The arguments of a call whose `(` is at `open`: token ranges [from, to) split at top-level commas. */
export function splitArgs(tokens: readonly Token[], open: number, close: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i].t;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') depth--;
    else if (t === ',' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  if (close > start) out.push([start, close]);
  return out;
}
