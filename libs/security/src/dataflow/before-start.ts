/**
 * C/C++: a pointer formed before the start of an array or of an allocation (`p = buf - 8`).
 *
 * C11 6.5.6p8 (and C++ [expr.add]) make pointer arithmetic that leaves an object undefined, whatever
 * the data: reading through such a pointer under-reads (CWE-127), writing under-writes (CWE-124).
 * AddressSanitizer often misses it, since the copy that goes through the pointer runs in the C
 * library (`wcscpy`, `wcsncpy` are not intercepted), so this is found in the source.
 *
 * Only what the source shows for certain is reported: `NAME - <positive literal>` as a whole
 * expression (after `=`, `(`, `,` or `return`, before `;`, `)` or `,`), where NAME is declared as an
 * array (`T NAME[N]`) or a pointer set once from an allocation (`malloc`, `calloc`, `realloc`,
 * `alloca`, `new T[N]`) and never moved (`++`, `--`, `+=`, `-=`, another assignment). Index
 * arithmetic (`buf[n - 1]`), sizes (`sizeof buf - 1`) and pointers that moved along an array are
 * left alone.
 */
import { Macros, Token, tokenize } from './tokens';

export interface BeforeStart {
  name: string;
  offset: number;
  line: number;
  column: number;
}

const ALLOCATORS = new Set(['malloc', 'calloc', 'realloc', 'alloca', '__builtin_alloca', 'new']);
const KEYWORDS = new Set([
  'return',
  'case',
  'sizeof',
  'else',
  'do',
  'goto',
  'throw',
  'typedef',
  'struct',
  'union',
  'enum',
  'delete',
]);
const EXPRESSION_START = new Set(['=', '(', ',', 'return']);
const EXPRESSION_END = new Set([';', ')', ',']);
const MOVES = new Set(['++', '--', '+=', '-=']);

const resolve = (macros: Macros, t: Token) => (t.kind === 'id' ? (macros.aliases.get(t.t) ?? t.t) : t.t);

/** The names a source declares as arrays, and those set only from an allocation and never moved. */
function objectStarts(tokens: readonly Token[], macros: Macros): Set<string> {
  const arrays = new Set<string>();
  const allocated = new Set<string>();
  const unfit = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'id') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // `T name[N]`: a type (an identifier that is not a keyword) or `*` before, `[` after
    if (next?.t === '[' && prev && prev.kind === 'id' && !KEYWORDS.has(prev.t)) arrays.add(t.t);
    if (next && MOVES.has(next.t)) unfit.add(t.t);
    if (prev && (prev.t === '++' || prev.t === '--')) unfit.add(t.t);
    if (next?.t !== '=' || tokens[i + 2]?.t === '=') continue;
    // name = [ (cast) ] allocator ( … ) | new T[N]
    let k = i + 2;
    if (tokens[k]?.t === '(') {
      let depth = 0;
      for (; k < tokens.length; k++) {
        if (tokens[k].t === '(') depth++;
        else if (tokens[k].t === ')' && --depth === 0) break;
      }
      k++;
    }
    const callee = tokens[k] ? resolve(macros, tokens[k]) : '';
    if (ALLOCATORS.has(callee)) allocated.add(t.t);
    else unfit.add(t.t);
  }
  const starts = new Set<string>();
  for (const name of arrays) if (!unfit.has(name) && !allocated.has(name)) starts.add(name);
  for (const name of allocated) if (!unfit.has(name)) starts.add(name);
  return starts;
}

export function pointersBeforeStart(source: string): BeforeStart[] {
  const { tokens, macros } = tokenize(source);
  const starts = objectStarts(tokens, macros);
  if (!starts.size) return [];
  const found: BeforeStart[] = [];
  for (let i = 1; i + 3 < tokens.length; i++) {
    const [before, name, minus, num, after] = [tokens[i - 1], tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (name.kind !== 'id' || !starts.has(name.t) || minus.t !== '-' || num.kind !== 'num') continue;
    if (!EXPRESSION_START.has(before.t) || !EXPRESSION_END.has(after.t)) continue;
    const offset = Number(num.t.replace(/[uUlL]+$/, ''));
    if (!Number.isSafeInteger(offset) || offset <= 0) continue;
    found.push({ name: name.t, offset, line: name.line, column: name.col });
  }
  return found;
}
