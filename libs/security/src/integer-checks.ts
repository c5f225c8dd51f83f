/**
 * Integer checks the sanitizers lack, added to the C/C++ sanitizer build's copy of the source.
 *
 * GCC's UndefinedBehaviorSanitizer sees signed overflow of `int` and wider, nothing else: not a
 * value that a cast to a narrower type truncates (CWE-197), not `char`/`short` arithmetic whose
 * result no longer fits where it is stored (promoted to `int`, it never overflows there), not an
 * unsigned counter that wraps around (defined behaviour, rarely meant). Clang has sanitizers for
 * some of these; the judge images build with GCC. So the sanitizer build compiles a rewritten copy:
 * - an explicit cast to a narrower signed type, `(short)x`, becomes `__BASTION_NARROW(short, x)`:
 *   a value the cast changes is reported (a cast between types of one size is left alone: that is
 *   a change of sign, not a truncation, and `(char)` of an `unsigned char` is everyday code);
 * - a `char`/`short` variable given a value, `char r = d * 2;` or `r += d;`, gets
 *   `__BASTION_FIT(char, arithmetic, (d * 2))`: a value that does not fit is reported (an
 *   arithmetic result as overflow or underflow, anything else as truncation);
 * - `x++;`/`--x;` statements on an unsigned or narrow variable become `__BASTION_STEP(x, x++, 4)`:
 *   wrapping around is reported. Only whole statements: `while (i-- > 0)` wraps on purpose.
 * Unsigned `+`, `-` and `*` are left alone: hashes and random generators wrap on purpose.
 *
 * The macros (judge-images/runner/intcheck.h, forced in with `-include`) check at run time, so a
 * report means a test drove a value out of range; they report like UBSan and end the run
 * (__bastion_int_fault in replay.c). Line numbers stay: nothing here adds a line, and the copy
 * starts with `#line 1 "<file>"`. It is a rewrite of tokens, not a parser: what it cannot place
 * it leaves alone, and a copy that does not compile is dropped for the source as submitted
 * (SecurityCheckService). Only the sanitizer build sees it: the tests run the program as written.
 */
import { matching, matchingBack } from './dataflow/brackets';
import { Token, tokenize } from './dataflow/tokens';

/** Forced into the sanitizer build (`-include`) when it compiles an instrumented copy. */
export const INT_CHECK_HEADER = '/opt/bastion/replay/intcheck.h';
/** Beyond this many tokens the source is compiled as it is (the rewrite is linear, this bounds it). */
export const INT_CHECK_MAX_TOKENS = 200_000;

export interface IntegerChecks {
  /** The rewritten source, starting with a #line directive so that reports name the original lines. */
  source: string;
  /** How many checks went in (0: compile the source as it is). */
  checks: number;
}

const TYPE_WORDS = new Set(['signed', 'unsigned', 'char', 'short', 'int', 'long']);
const NARROW_SIGNED_TYPEDEFS = new Set(['int8_t', 'int16_t']);
const UNSIGNED_TYPEDEFS = new Set([
  'size_t',
  'uint8_t',
  'uint16_t',
  'uint32_t',
  'uint64_t',
  'uintptr_t',
  'uint_fast8_t',
]);
const OTHER_INT_TYPEDEFS = new Set(['int32_t', 'int64_t', 'ssize_t', 'ptrdiff_t', 'intptr_t']);
const QUALIFIERS = new Set(['const', 'volatile', 'register', 'auto']);
/** A statement with one of these has constant expressions or no run-time code: nothing is checked. */
const NO_CHECKS_IN = new Set([
  'static',
  'extern',
  'constexpr',
  'consteval',
  'case',
  'static_assert',
  '_Static_assert',
  'template',
  'typedef',
  'using',
  'enum',
  'goto',
]);
/** Identifiers after which `(T)x` is a cast (any other identifier: a call or a declaration). */
const BEFORE_CAST_OK = new Set(['return', 'else', 'do', 'throw']);
/** Identifiers that do not start an operand a cast applies to in a way checked here. */
const NOT_OPERANDS = new Set([
  'sizeof',
  'alignof',
  '_Alignof',
  'new',
  'delete',
  'typeid',
  'decltype',
  'typeof',
  '__typeof__',
  'noexcept',
  'this',
  'true',
  'false',
  'nullptr',
  'NULL',
]);
const CONTROL = new Set(['if', 'while', 'for', 'switch']);
const ARITHMETIC = new Set(['+', '-', '*', '<<', '++', '--']);
const COMPOUND_ARITHMETIC: Readonly<Record<string, string>> = { '+=': '+', '-=': '-', '*=': '*', '<<=': '<<' };

type IntClass = 'narrow' | 'unsigned' | 'other';
interface Declared {
  cls: IntClass;
  type: string;
}
/** The integer variable a name means at a token (its function's locals and parameters). */
type Lookup = (at: number, name: string) => Declared | undefined;

/**
 * What a run of type words names: `narrow` (a signed type smaller than int: char, short), `unsigned`
 * (any unsigned type), `other` (int, long, …) or null when they are not one integer type.
 */
function intClass(words: string[]): IntClass | null {
  if (words.length === 1) {
    const w = words[0];
    if (NARROW_SIGNED_TYPEDEFS.has(w)) return 'narrow';
    if (UNSIGNED_TYPEDEFS.has(w)) return 'unsigned';
    if (OTHER_INT_TYPEDEFS.has(w)) return 'other';
  }
  if (words.length === 0 || !words.every((w) => TYPE_WORDS.has(w))) return null;
  if (words.includes('unsigned')) return 'unsigned';
  if (words.includes('long')) return 'other';
  if (words.includes('char') || words.includes('short')) return 'narrow';
  return 'other';
}

/** The explicit casts checked: to a signed type of at most int's size. */
function castTarget(words: string[]): boolean {
  if (words.length === 1 && (NARROW_SIGNED_TYPEDEFS.has(words[0]) || words[0] === 'int32_t')) return true;
  const c = intClass(words);
  return c === 'narrow' || (c === 'other' && !words.includes('long') && words.every((w) => TYPE_WORDS.has(w)));
}

interface Edit {
  at: number;
  /** Characters replaced from `at` (0: an insertion). */
  del: number;
  text: string;
}

/** Adds the integer checks to a C or C++ source; null when nothing is checked (or it cannot tell). */
export function addIntegerChecks(source: string, fileName: string): IntegerChecks | null {
  if (source.includes('\0')) return null;
  const { tokens } = tokenize(source);
  if (tokens.length === 0 || tokens.length > INT_CHECK_MAX_TOKENS) return null;
  const edits: Edit[] = [];
  const { code, fn } = codeTokens(tokens);
  const declared = declaredIntegers(tokens, code, fn);
  const vars = (at: number, name: string) => declared.get(`${fn[at]}:${name}`);

  // Statements: declarations with initialisers, assignments and steps of known variables.
  for (let i = 0; i < tokens.length; i++) {
    if (!code[i] || !startsStatement(tokens, i)) continue;
    const end = statementEnd(tokens, i);
    if (end < 0) continue;
    const words = tokens.slice(i, end).map((t) => t.t);
    if (words.some((w) => NO_CHECKS_IN.has(w))) continue;
    if (declarationChecks(tokens, i, end, edits)) continue;
    if (!assignmentCheck(tokens, i, end, vars, edits)) stepCheck(tokens, i, end, vars, edits);
  }
  // Casts, in any expression of run-time code.
  let skipUntil = -1;
  for (let i = 1; i < tokens.length; i++) {
    const tk = tokens[i];
    if (tk.kind === 'id' && NO_CHECKS_IN.has(tk.t)) skipUntil = statementEnd(tokens, i);
    if (i <= skipUntil || !code[i] || tk.t !== '(' || tk.kind !== 'op') continue;
    castCheck(tokens, i, edits);
  }
  if (edits.length === 0) return null;
  return {
    source: `#line 1 "${fileName}"\n${apply(source, edits)}`,
    checks: edits.filter((e) => e.del > 0 || /__BASTION/.test(e.text)).length,
  };
}

/** Edits applied in order of position; at one position, in the order they were made. */
function apply(source: string, edits: Edit[]): string {
  const sorted = edits.map((e, k) => ({ ...e, k })).sort((a, b) => a.at - b.at || a.k - b.k);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.at < at) continue; // overlaps an earlier replacement: cannot happen by construction
    out += source.slice(at, e.at) + e.text;
    at = e.at + e.del;
  }
  return out + source.slice(at);
}

/**
 * Which tokens are inside a function body (or any block of run-time code): a `{` opens code when it
 * follows `)` (a function, a control statement, a lambda), `else`, `do`, `try`, a function's
 * qualifiers, or when it is a block inside code; `struct … {`, `= {`, `namespace x {` do not.
 */
function codeTokens(tokens: readonly Token[]): { code: Uint8Array; fn: Int32Array } {
  const code = new Uint8Array(tokens.length);
  const fn = new Int32Array(tokens.length).fill(-1);
  const stack: boolean[] = [];
  let body = -1; // the outermost block of code the scan is in
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    const inCode = stack.length > 0 && stack[stack.length - 1];
    fn[i] = body;
    if (tk.kind === 'op' && tk.t === '{') {
      const prev = i > 0 ? tokens[i - 1] : undefined;
      const p = prev?.t ?? '';
      const opens =
        p === ')' ||
        ['else', 'do', 'try', 'const', 'noexcept', 'override', 'final', 'mutable'].includes(p) ||
        (inCode && (p === ';' || p === '{' || p === '}' || (p === ':' && prev?.kind === 'op')));
      stack.push(opens);
      code[i] = inCode ? 1 : 0;
      if (opens && !inCode) fn[i] = body = i;
      continue;
    }
    if (tk.kind === 'op' && tk.t === '}') {
      stack.pop();
      code[i] = stack.length > 0 && stack[stack.length - 1] ? 1 : 0;
      if (!code[i]) body = -1;
      continue;
    }
    code[i] = inCode ? 1 : 0;
  }
  return { code, fn };
}

/** Whether token i starts a statement: after `;`, `{`, `}`, `else`, `do`, or a control header's `)`. */
function startsStatement(tokens: readonly Token[], i: number): boolean {
  if (i === 0) return false;
  const p = tokens[i - 1];
  if (p.kind === 'op' && (p.t === ';' || p.t === '{' || p.t === '}')) return true;
  if (p.kind === 'id' && (p.t === 'else' || p.t === 'do')) return true;
  if (p.kind === 'op' && p.t === ')') {
    const open = matchingBack(tokens, i - 1);
    return open > 0 && tokens[open - 1].kind === 'id' && CONTROL.has(tokens[open - 1].t);
  }
  // `for (int i = …;` : the declaration in a for header.
  if (p.kind === 'op' && p.t === '(') return i >= 2 && tokens[i - 2].t === 'for';
  return false;
}

/** The index of the `;` ending the statement starting at i (at its bracket depth), or -1. */
function statementEnd(tokens: readonly Token[], i: number): number {
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'op') continue;
    if (t.t === '(' || t.t === '[' || t.t === '{') {
      if (t.t === '{' && k > i && tokens[k - 1].t !== '=' && tokens[k - 1].t !== ',') return -1; // a block: not a simple statement
      k = matching(tokens, k);
      continue;
    }
    if (t.t === ';') return k;
    if (t.t === ')' || t.t === ']' || t.t === '}') return -1;
  }
  return -1;
}

/** The type words at i (after qualifiers): [words, index after them]. */
function typeAt(tokens: readonly Token[], i: number, end: number): [string[], number] {
  let k = i;
  while (k < end && tokens[k].kind === 'id' && QUALIFIERS.has(tokens[k].t)) k++;
  const words: string[] = [];
  while (
    k < end &&
    tokens[k].kind === 'id' &&
    (TYPE_WORDS.has(tokens[k].t) || (words.length === 0 && intClass([tokens[k].t]) !== null))
  ) {
    words.push(tokens[k].t);
    k++;
    if (words.length === 1 && !TYPE_WORDS.has(words[0])) break; // a typedef name stands alone
  }
  return [words, k];
}

/** Variables declared (locals, parameters) with an integer type, by name; a name declared with two classes is left out. */
function declaredIntegers(tokens: readonly Token[], code: Uint8Array, fn: Int32Array): Map<string, Declared> {
  const found = new Map<string, Declared | null>();
  const note = (body: number, n: string, words: string[]) => {
    const name = `${body}:${n}`;
    const cls = intClass(words);
    if (!cls) return;
    const type = words.join(' ');
    const had = found.get(name);
    if (had === undefined) found.set(name, { cls, type });
    else if (had && had.type !== type) found.set(name, null);
  };
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    // Parameters of a function definition: `( type name, … ) {`.
    if (tk.t === '{' && i > 0 && tokens[i - 1].t === ')') {
      const open = matchingBack(tokens, i - 1);
      if (open < 0) continue;
      let from = open + 1;
      for (let k = open + 1; k <= i - 1; k++) {
        if (k === i - 1 || tokens[k].t === ',') {
          const [words, after] = typeAt(tokens, from, k);
          if (words.length && after === k - 1 && tokens[after].kind === 'id') note(i, tokens[after].t, words);
          from = k + 1;
        }
      }
      continue;
    }
    if (!code[i] || !startsStatement(tokens, i)) continue;
    const end = statementEnd(tokens, i);
    if (end < 0) continue;
    const [words, after] = typeAt(tokens, i, end);
    if (!words.length) continue;
    for (const [name] of declarators(tokens, after, end)) note(fn[i], tokens[name].t, words);
  }
  const out = new Map<string, Declared>();
  for (const [k, v] of found) if (v) out.set(k, v);
  return out;
}

/**
 * The plain declarators from k to the statement's end: [name index, initialiser [from, to) or null].
 * Pointers, arrays, functions and brace initialisers are passed over.
 */
function declarators(tokens: readonly Token[], k: number, end: number): [number, [number, number] | null][] {
  const out: [number, [number, number] | null][] = [];
  while (k < end) {
    let plain = true;
    while (k < end && (tokens[k].t === '*' || tokens[k].t === '&')) {
      plain = false;
      k++;
    }
    if (k >= end || tokens[k].kind !== 'id') return out;
    const name = k++;
    if (tokens[k]?.t === '[' || tokens[k]?.t === '(' || tokens[k]?.t === '{') plain = false;
    // to the next top-level comma or the end
    let init: [number, number] | null = null;
    const eq = tokens[k]?.t === '=' ? k : -1;
    let j = k;
    for (; j < end; j++) {
      const t = tokens[j].t;
      if (tokens[j].kind === 'op' && (t === '(' || t === '[' || t === '{')) j = matching(tokens, j);
      else if (t === ',') break;
    }
    if (eq >= 0 && eq + 1 < j && tokens[eq + 1].t !== '{') init = [eq + 1, j];
    if (plain) out.push([name, init]);
    k = j + 1;
  }
  return out;
}

function hasArithmetic(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (tokens[k].kind === 'op' && ARITHMETIC.has(tokens[k].t)) return true;
  return false;
}

/** A value worth checking: more than one literal token. */
function worthChecking(tokens: readonly Token[], from: number, to: number): boolean {
  return !(to - from === 1 && (tokens[from].kind === 'num' || tokens[from].kind === 'chr'));
}

/** `char r = d * 2, s = x;` : each narrow initialiser checked. */
function declarationChecks(tokens: readonly Token[], i: number, end: number, edits: Edit[]): boolean {
  const [words, after] = typeAt(tokens, i, end);
  if (!words.length) return false;
  const cls = intClass(words);
  if (cls === 'unsigned') {
    for (const [, init] of declarators(tokens, after, end))
      if (init) unsignedSubtraction(tokens, init[0], init[1], edits);
    return true;
  }
  if (cls !== 'narrow') return true;
  const type = words.join(' ');
  for (const [, init] of declarators(tokens, after, end)) {
    if (!init || !worthChecking(tokens, init[0], init[1])) continue;
    const kind = hasArithmetic(tokens, init[0], init[1]) ? 2 : 3;
    edits.push({ at: tokens[init[0]].at, del: 0, text: `__BASTION_FIT(${type}, ${kind}, (` });
    edits.push({ at: tokens[init[1] - 1].end, del: 0, text: '))' });
  }
  return true;
}

/** `r = e;` / `r += e;` on a narrow variable. */
function assignmentCheck(tokens: readonly Token[], i: number, end: number, vars: Lookup, edits: Edit[]): boolean {
  const v = tokens[i].kind === 'id' ? vars(i, tokens[i].t) : undefined;
  const op = tokens[i + 1];
  if (!v || !op || op.kind !== 'op' || end <= i + 2) return false;
  if (v.cls === 'unsigned') {
    if (op.t === '=') {
      unsignedSubtraction(tokens, i + 2, end, edits);
      return true;
    }
    if (op.t !== '-=' || !isOperand(tokens, i + 2, end)) return false;
    edits.push({ at: op.at, del: op.end - op.at, text: `= __BASTION_USUB(${tokens[i].t}, (` });
    edits.push({ at: tokens[end - 1].end, del: 0, text: '))' });
    return true;
  }
  if (v.cls !== 'narrow') return false;
  if (op.t === '=') {
    if (!worthChecking(tokens, i + 2, end) || tokens[i + 2].t === '{') return true;
    const kind = hasArithmetic(tokens, i + 2, end) ? 2 : 3;
    edits.push({ at: tokens[i + 2].at, del: 0, text: `__BASTION_FIT(${v.type}, ${kind}, (` });
    edits.push({ at: tokens[end - 1].end, del: 0, text: '))' });
    return true;
  }
  const arith = Object.prototype.hasOwnProperty.call(COMPOUND_ARITHMETIC, op.t) ? COMPOUND_ARITHMETIC[op.t] : null;
  if (!arith) return false;
  edits.push({ at: op.at, del: op.end - op.at, text: `= __BASTION_FIT(${v.type}, 2, (${tokens[i].t} ${arith} (` });
  edits.push({ at: tokens[end - 1].end, del: 0, text: ')))' });
  return true;
}

/**
 * The end of the postfixes from `k` on (calls, subscripts, members; `++`/`--` with `steps`), at most
 * `to`: the index of the first token that is none of them.
 */
function postfixesEnd(tokens: readonly Token[], k: number, to: number, steps: boolean): number {
  while (k < to) {
    const t = tokens[k];
    if (t.kind !== 'op') break;
    if (t.t === '(' || t.t === '[') k = matching(tokens, k) + 1;
    else if ((t.t === '.' || t.t === '->' || t.t === '::') && tokens[k + 1]?.kind === 'id') k += 2;
    else if (steps && (t.t === '++' || t.t === '--')) k++;
    else break;
  }
  return k;
}

/** A name with its postfixes, a number or a parenthesised expression (with postfixes), exactly [from, to). */
function isOperand(tokens: readonly Token[], from: number, to: number): boolean {
  if (from >= to) return false;
  const first = tokens[from];
  let k: number;
  if (first.kind === 'id' || first.kind === 'num') k = from + 1;
  else if (first.kind === 'op' && first.t === '(') k = matching(tokens, from) + 1;
  else return false;
  return postfixesEnd(tokens, k, to, false) === to;
}

/**
 * `a - b` given to an unsigned variable, both operands plain: `__BASTION_USUB(a, b)`, reported when
 * b is greater than a and the difference wraps around below zero.
 */
function unsignedSubtraction(tokens: readonly Token[], from: number, to: number, edits: Edit[]): boolean {
  let minus = -1;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'op' && (t.t === '(' || t.t === '[')) k = matching(tokens, k);
    else if (t.kind === 'op' && t.t === '-' && k > from && minus < 0) minus = k;
  }
  if (minus < 0 || !isOperand(tokens, from, minus) || !isOperand(tokens, minus + 1, to)) return false;
  edits.push({ at: tokens[from].at, del: 0, text: '__BASTION_USUB(' });
  edits.push({ at: tokens[minus].at, del: 1, text: ',' });
  edits.push({ at: tokens[to - 1].end, del: 0, text: ')' });
  return true;
}

/** `x++;`, `++x;`, `x--;`, `--x;` on an unsigned or narrow variable. */
function stepCheck(tokens: readonly Token[], i: number, end: number, vars: Lookup, edits: Edit[]): boolean {
  if (end !== i + 2) return false;
  const [a, b] = [tokens[i], tokens[i + 1]];
  const step = (t: Token) => t.kind === 'op' && (t.t === '++' || t.t === '--');
  const name = a.kind === 'id' && step(b) ? a : b.kind === 'id' && step(a) ? b : null;
  if (!name) return false;
  const v = vars(i, name.t);
  if (!v || v.cls === 'other') return false;
  const down = (step(a) ? a : b).t === '--';
  const stmt = `${a.t}${b.t}`;
  edits.push({ at: a.at, del: b.end - a.at, text: `__BASTION_STEP(${name.t}, ${stmt}, ${down ? 5 : 4})` });
  return true;
}

/** `(short)x` → `__BASTION_NARROW(short, x)`, for an operand that is a name (with its postfixes) or a parenthesised expression. */
function castCheck(tokens: readonly Token[], i: number, edits: Edit[]): void {
  const prev = tokens[i - 1];
  if (prev.kind === 'num' || prev.kind === 'str' || prev.kind === 'chr') return;
  if (prev.kind === 'id' && !BEFORE_CAST_OK.has(prev.t)) return;
  if (prev.kind === 'op' && (prev.t === ')' || prev.t === ']' || prev.t === '>')) return;
  const close = matching(tokens, i);
  if (close <= i + 1 || close >= tokens.length - 1) return;
  const inner = tokens.slice(i + 1, close);
  if (!inner.every((t) => t.kind === 'id') || !castTarget(inner.map((t) => t.t))) return;
  const from = close + 1;
  const first = tokens[from];
  let k: number;
  if (first.kind === 'id') {
    if (NOT_OPERANDS.has(first.t) || TYPE_WORDS.has(first.t)) return;
    k = from + 1;
  } else if (first.kind === 'op' && first.t === '(') {
    const group = tokens.slice(from + 1, matching(tokens, from));
    // `(short)(int)x`, `(char)(T *)p`: a cast of a cast is left alone.
    if (group.length === 0 || group.every((t) => t.kind === 'id' || t.t === '*' || t.t === '::')) {
      if (group.length !== 1 || intClass([group[0].t]) !== null || TYPE_WORDS.has(group[0].t)) return;
    }
    k = matching(tokens, from) + 1;
  } else return;
  k = postfixesEnd(tokens, k, tokens.length, true);
  const last = tokens[k - 1];
  if (!last || last.end <= first.at) return;
  edits.push({
    at: tokens[i].at,
    del: tokens[close].end - tokens[i].at,
    text: `__BASTION_NARROW(${inner.map((t) => t.t).join(' ')}, `,
  });
  edits.push({ at: last.end, del: 0, text: ')' });
}
