import { matching, matchingBack } from './brackets';
import type { Token } from './tokens';

/**
 * Which checks of a variable govern a place in a function: the conditions of the `if`, `while`,
 * `for` and `?:` around it, the left operands of `&&` and `||` before it, and the `if (…) return;`
 * (throw, break, continue) statements earlier in its block. It reads tokens, not a syntax tree: one
 * pass builds the regions, and a query walks those around the place, within a budget, so a hostile
 * source costs linear time at most (past the budget every place counts as checked).
 */

/**
 * What a sink needs to know of its variable: compared at all (`any`, a divisor), bounded above
 * (`upper`: an addition, a size, a loop count), below (`lower`: a subtraction), on both sides
 * (`both`: an array index), compared with null and found not to be (`nonnull`), or tested by a
 * call (`checked`: `path.startsWith(base)`, `isSafe(name)`, as a path or a name is validated).
 */
export type Guard = 'any' | 'upper' | 'lower' | 'both' | 'nonnull' | 'checked';

interface Region {
  /** The condition's tokens [from, to). */
  condFrom: number;
  condTo: number;
  /** The tokens it governs [from, to). */
  from: number;
  to: number;
  /** The condition holds there (true) or failed to get there (false). */
  holds: boolean;
}

interface Facts {
  any: boolean;
  upper: boolean;
  lower: boolean;
  nonnull: boolean;
  tested: boolean;
}

const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=']);
const EXITS = new Set(['return', 'throw', 'break', 'continue', 'goto']);
/** Literals a pointer or reference is compared with to test for null. */
const NULLS = new Set(['null', 'NULL', 'nullptr', '0']);
/** What may stand right before and after an operand tested for truth (`p`, `!p`) in a condition. */
const TRUTH_BEFORE = new Set(['&&', '||', '(']);
const TRUTH_AFTER = new Set(['&&', '||', '?', ')']);
/** Where an operand of a comparison ends, at its own depth. */
const OPERAND_STOPS = new Set(['&&', '||', '&', '|', '^', '!', ',', '?', ':', ';', '=', 'return', ...COMPARISONS]);
const MAX_NESTING = 64;

export interface GuardOptions {
  /** Calls that never return, so that `if (!p) exit(1);` guards what follows: `exit`, `abort`, `die`. */
  noReturn?: ReadonlySet<string>;
  /** Calls that stop the program unless their argument holds: `assert(p)` guards what follows in its block. */
  assertions?: ReadonlySet<string>;
}

export class Guards {
  private readonly regions: Region[] = [];
  private budget: number;
  private readonly noReturn: ReadonlySet<string>;
  /** For each token of the body, the index of the `}` closing its innermost block (or the body's end). */
  private readonly ends: number[];
  private readonly from: number;

  /** The regions of function body tokens [from, to). `budget`: region visits allowed to all queries. */
  constructor(
    private readonly toks: readonly Token[],
    from: number,
    to: number,
    budget = 2_000_000,
    options: GuardOptions = {},
  ) {
    this.budget = budget;
    this.noReturn = options.noReturn ?? new Set();
    const blockEnd = this.blockEnds(from, to);
    this.ends = blockEnd;
    this.from = from;
    for (let i = from; i < to; i++) {
      const t = toks[i];
      // assert(c); … — what follows in the block runs only where c holds
      if (
        t.kind === 'id' &&
        options.assertions?.has(t.t) &&
        toks[i + 1]?.t === '(' &&
        toks[i - 1]?.t !== '.' &&
        toks[i - 1]?.t !== '->'
      ) {
        const close = matching(toks, i + 1);
        if (close < to && toks[close + 1]?.t === ';') this.add(i + 2, close, close + 2, blockEnd[i - from] + 1, true);
        continue;
      }
      if (t.kind === 'id' && (t.t === 'if' || t.t === 'while') && toks[i + 1]?.t === '(') {
        if (t.t === 'while' && this.closesDo(i, from)) continue;
        const close = matching(toks, i + 1);
        if (close >= to) continue;
        const body = this.statementEnd(close + 1, to, 0);
        this.add(i + 2, close, close + 1, body, true);
        if (t.t !== 'if') continue;
        let after = body;
        const thenExits = this.exits(close + 1, body);
        let elseExits = false;
        if (toks[body]?.t === 'else') {
          after = this.statementEnd(body + 1, to, 0);
          this.add(i + 2, close, body + 1, after, false);
          elseExits = this.exits(body + 1, after);
        }
        const end = blockEnd[i - from];
        // if (c) return;  …  — what follows runs only where c failed (or held, for an exiting else),
        // to the block's `}` (a value that leaves the block there is checked)
        if (thenExits !== elseExits) this.add(i + 2, close, after, end + 1, !thenExits);
      } else if (t.t === 'for' && toks[i + 1]?.t === '(') {
        const close = matching(toks, i + 1);
        if (close >= to) continue;
        const semis: number[] = [];
        let depth = 0;
        for (let k = i + 2; k < close && semis.length < 2; k++) {
          const s = toks[k].t;
          if (s === '(' || s === '[' || s === '{') depth++;
          else if (s === ')' || s === ']' || s === '}') depth--;
          else if (s === ';' && depth === 0) semis.push(k);
        }
        if (semis.length === 2) this.add(semis[0] + 1, semis[1], close + 1, this.statementEnd(close + 1, to, 0), true);
      }
    }
    this.operatorRegions(from, to);
  }

  /** The index of the `}` that closes the innermost block around token `at` (or the body's end). */
  blockEnd(at: number): number {
    return this.ends[at - this.from] ?? at;
  }

  /** What is left of the budget. */
  get remaining(): number {
    return Math.max(0, this.budget);
  }

  /** Whether each of `vars` is checked as `need` wherever token `at` runs (no variable: never). */
  guarded(at: number, vars: readonly string[], need: Guard): boolean {
    if (vars.length === 0) return false;
    for (const v of vars) {
      const f: Facts = { any: false, upper: false, lower: false, nonnull: false, tested: false };
      for (const r of this.regions) {
        if (--this.budget < 0) return true;
        if (r.from > at || at >= r.to) continue;
        this.budget -= r.condTo - r.condFrom;
        this.facts(r, v, f);
      }
      const ok = need === 'both' ? f.upper && f.lower : need === 'checked' ? f.tested : f[need];
      if (!ok) return false;
    }
    return true;
  }

  private add(condFrom: number, condTo: number, from: number, to: number, holds: boolean): void {
    if (condTo > condFrom && to > from) this.regions.push({ condFrom, condTo, from, to, holds });
  }

  /** For each token of the body, the index of the `}` closing its innermost block (or `to`). */
  private blockEnds(from: number, to: number): number[] {
    const out = new Array<number>(to - from).fill(to);
    const open: number[] = [];
    for (let i = from; i < to; i++) {
      const t = this.toks[i].t;
      if (t === '{') {
        const close = matching(this.toks, i);
        open.push(close < to ? close : to);
      } else if (t === '}') open.pop();
      out[i - from] = open.length ? open[open.length - 1] : to;
    }
    return out;
  }

  /** `do { … } while (c);`: the while at `at` ends a do loop. */
  private closesDo(at: number, from: number): boolean {
    if (this.toks[at - 1]?.t !== '}') return false;
    const open = matchingBack(this.toks, at - 1);
    return open > from && this.toks[open - 1]?.t === 'do';
  }

  /** The end (exclusive) of the statement starting at `s`. */
  private statementEnd(s: number, to: number, nesting: number): number {
    const toks = this.toks;
    if (s >= to) return to;
    if (toks[s].t === '{') return Math.min(matching(toks, s) + 1, to);
    if (nesting < MAX_NESTING && (toks[s].t === 'if' || toks[s].t === 'while' || toks[s].t === 'for')) {
      if (toks[s + 1]?.t !== '(') return to;
      const close = matching(toks, s + 1);
      const end = this.statementEnd(close + 1, to, nesting + 1);
      if (toks[s].t === 'if' && toks[end]?.t === 'else') return this.statementEnd(end + 1, to, nesting + 1);
      return end;
    }
    let depth = 0;
    for (let k = s; k < to; k++) {
      const t = toks[k].t;
      if (t === '(' || t === '[' || t === '{') depth++;
      else if (t === ')' || t === ']' || t === '}') {
        if (depth === 0) return k;
        depth--;
      } else if (t === ';' && depth === 0) return k + 1;
    }
    return to;
  }

  /** Whether the statement [s, e) always leaves: return, throw, break, continue, goto, System.exit or a call that never returns as its last word. */
  private exits(s: number, e: number): boolean {
    const toks = this.toks;
    let start = s;
    if (toks[s]?.t === '{') {
      // the last statement of the block
      const close = e - 1;
      if (toks[close]?.t !== '}' || toks[close - 1]?.t !== ';') return false;
      let depth = 0;
      start = s + 1;
      for (let k = close - 2, n = 0; k > s; k--, n++) {
        if (n > 512) return false;
        const t = toks[k].t;
        if (t === ')' || t === ']' || t === '}') depth++;
        else if (t === '(' || t === '[' || t === '{') depth--;
        else if (depth === 0 && t === ';') {
          start = k + 1;
          break;
        }
        if (depth < 0) return false;
      }
    }
    const t = toks[start];
    if (!t) return false;
    if (EXITS.has(t.t)) return true;
    if (noReturnCall(toks, start, this.noReturn)) return true;
    return t.t === 'System' && toks[start + 1]?.t === '.' && toks[start + 2]?.t === 'exit';
  }

  /**
   * `c ? a : b`, `l && r`, `l || r`: the condition governs its other operands. Two passes with a
   * stack of bracket levels find each operator's operands: back to the last lower-precedence
   * operator (or opening bracket) of its level, on to the next one (or closing bracket).
   */
  private operatorRegions(from: number, to: number): void {
    const toks = this.toks;
    const n = to - from;
    // forward: where the left operand starts (after the last stop of the level), and ?: pairs
    const leftAnd = new Int32Array(n);
    const leftOr = new Int32Array(n);
    const colonOf = new Int32Array(n).fill(-1);
    const lastAll: number[] = [from - 1];
    const lastOr: number[] = [from - 1];
    const pending: number[][] = [[]];
    for (let i = from; i < to; i++) {
      const t = toks[i].t;
      const top = lastAll.length - 1;
      if (t === '(' || t === '[' || t === '{') {
        lastAll.push(i);
        lastOr.push(i);
        pending.push([]);
        continue;
      }
      if (t === ')' || t === ']' || t === '}') {
        if (top > 0) {
          lastAll.pop();
          lastOr.pop();
          pending.pop();
        }
        continue;
      }
      if (t === '&&' || t === '||' || t === '?') {
        leftAnd[i - from] = lastAll[top] + 1;
        leftOr[i - from] = lastOr[top] + 1;
      }
      if (t === '?') pending[top].push(i);
      if (t === ':') {
        const q = pending[top].pop();
        if (q !== undefined) colonOf[q - from] = i;
      }
      if (t === '?' || t === ':' || t === '=' || t === ',' || t === ';' || t === 'return') {
        lastAll[top] = i;
        lastOr[top] = i;
      } else if (t === '||') lastAll[top] = i;
    }
    // backward: where the right operand ends (the next stop of the level)
    const rightAnd = new Int32Array(n);
    const rightOr = new Int32Array(n);
    const nextAll: number[] = [to];
    const nextOr: number[] = [to];
    for (let i = to - 1; i >= from; i--) {
      const t = toks[i].t;
      const top = nextAll.length - 1;
      if (t === ')' || t === ']' || t === '}') {
        nextAll.push(i);
        nextOr.push(i);
        continue;
      }
      if (t === '(' || t === '[' || t === '{') {
        if (top > 0) {
          nextAll.pop();
          nextOr.pop();
        }
        continue;
      }
      rightAnd[i - from] = nextAll[top];
      rightOr[i - from] = nextOr[top];
      if (t === '?' || t === ':' || t === '=' || t === ',' || t === ';') {
        nextAll[top] = i;
        nextOr[top] = i;
      } else if (t === '||') nextAll[top] = i;
    }
    for (let i = from; i < to; i++) {
      const t = toks[i].t;
      const k = i - from;
      if (t === '&&') this.add(leftAnd[k], i, i + 1, rightAnd[k], true);
      else if (t === '||') this.add(leftOr[k], i, i + 1, rightOr[k], false);
      else if (t === '?' && colonOf[k] >= 0) {
        const colon = colonOf[k];
        this.add(leftOr[k], i, i + 1, colon, true);
        this.add(leftOr[k], i, colon + 1, rightOr[colon - from], false);
      }
    }
  }

  /** What region `r`'s condition tells of `v` where it governs. */
  private facts(r: Region, v: string, f: Facts): void {
    const toks = this.toks;
    // negated groups: !( … )
    const negatedUntil: number[] = [];
    for (let p = r.condFrom; p < r.condTo; p++) {
      while (negatedUntil.length && p > negatedUntil[negatedUntil.length - 1]) negatedUntil.pop();
      const t = toks[p];
      if (t.t === '!' && toks[p + 1]?.t === '(') {
        negatedUntil.push(matching(toks, p + 1));
        continue;
      }
      const holds = r.holds !== (negatedUntil.length % 2 === 1);
      if (t.kind === 'id' && t.t === v && toks[p - 1]?.t !== '.') {
        // `if (p)`, `!p ||`, `(p = malloc(n)) &&`: p tested for truth
        const truth = this.truthOf(p, r.condFrom, r.condTo);
        if (truth !== null) {
          if (truth === holds) f.nonnull = true;
          f.any = true;
          continue;
        }
        // v.startsWith(base), check(v): a test of v
        const next = toks[p + 1]?.t;
        if (next === '.' && toks[p + 2]?.kind === 'id' && toks[p + 3]?.t === '(') f.tested = true;
        else if ((toks[p - 1]?.t === '(' && toks[p - 2]?.kind === 'id') || toks[p - 1]?.t === ',') f.tested = true;
        continue;
      }
      if (t.t === 'instanceof') {
        if (this.operandIs(this.leftOperand(p, r.condFrom), v) && holds) f.nonnull = f.any = true;
        continue;
      }
      if (t.kind !== 'op' || !COMPARISONS.has(t.t)) continue;
      const left = this.leftOperand(p, r.condFrom);
      const right = this.rightOperand(p, r.condTo);
      let op = t.t;
      let other = right;
      let mine = this.operandIs(left, v);
      if (!mine) {
        mine = this.operandIs(right, v);
        if (!mine) continue;
        other = left;
        op = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
      }
      f.any = true;
      if (mine === 'abs') {
        f.upper = f.lower = true;
        continue;
      }
      const isNull = this.isNull(other);
      const effective = holds
        ? op
        : op === '<'
          ? '>='
          : op === '<='
            ? '>'
            : op === '>'
              ? '<='
              : op === '>='
                ? '<'
                : op === '=='
                  ? '!='
                  : '==';
      if (effective === '<' || effective === '<=') f.upper = true;
      else if (effective === '>' || effective === '>=') f.lower = true;
      // equal to a number bounds it (`n == 0` too: only `null` itself is no number)
      else if (effective === '==' && !(other[1] - other[0] === 1 && toks[other[0]].t === 'null'))
        f.upper = f.lower = true;
      else if (effective === '!=' && isNull) f.nonnull = true;
    }
  }

  /** `null`, `NULL`, `nullptr`, `0`, `(void *)0`. */
  private isNull([a, b]: [number, number]): boolean {
    const toks = this.toks;
    let k = a;
    // a cast: `(void *)0`, `(char*)NULL`
    if (toks[k]?.t === '(' && b - a > 1) {
      const close = matching(toks, k);
      if (close < b - 1 && toks.slice(k + 1, close).every((t) => t.kind === 'id' || t.t === '*')) k = close + 1;
    }
    return b - k === 1 && NULLS.has(toks[k].t);
  }

  /**
   * When the variable at `p` is an operand tested for truth in condition [from, to) — `p`, `!p`,
   * `(p)`, `(p = malloc(n))`, joined to the rest by && or || — whether the test holds with p non-zero
   * (true; false under a `!`), before the negated groups `!( … )` the caller counts; else null.
   */
  private truthOf(p: number, from: number, to: number): boolean | null {
    const toks = this.toks;
    let a = p;
    let b = p + 1;
    if (toks[b]?.t === '=') {
      // `(p = e)`: the value of the assignment is p's
      if (toks[a - 1]?.t !== '(' || a - 1 < from) return null;
      b = matching(toks, a - 1);
      if (b >= to) return null;
      a--;
      b++;
    }
    let truth = true;
    for (let n = 0; n < 32; n++) {
      if (a - 1 < from) break;
      const before = toks[a - 1].t;
      if (before === '!') {
        // `!p` here; the caller counts `!( … )`
        if (toks[a].t !== '(') truth = !truth;
        a--;
        continue;
      }
      // `(p)`, not `f(p)` or `if (p)`'s own parenthesis
      if (before === '(' && toks[b]?.t === ')' && matching(toks, a - 1) === b && b < to && toks[a - 2]?.kind !== 'id') {
        a--;
        b++;
        continue;
      }
      break;
    }
    const okBefore =
      a === from || (TRUTH_BEFORE.has(toks[a - 1].t) && !(toks[a - 1].t === '(' && toks[a - 2]?.kind === 'id'));
    const okAfter = b === to || (b < to && TRUTH_AFTER.has(toks[b].t));
    return okBefore && okAfter ? truth : null;
  }

  private leftOperand(p: number, floor: number): [number, number] {
    let depth = 0;
    let k = p - 1;
    for (; k >= floor; k--) {
      const t = this.toks[k].t;
      if (t === ')' || t === ']') depth++;
      else if (t === '(' || t === '[') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && OPERAND_STOPS.has(t)) break;
    }
    return [k + 1, p];
  }

  private rightOperand(p: number, ceil: number): [number, number] {
    let depth = 0;
    let k = p + 1;
    for (; k < ceil; k++) {
      const t = this.toks[k].t;
      if (t === '(' || t === '[') depth++;
      else if (t === ')' || t === ']') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && OPERAND_STOPS.has(t)) break;
    }
    return [p + 1, k];
  }

  /**
   * Whether an operand is the variable `v` (in parentheses or a cast, `this.v`, or an arithmetic
   * expression of it: `v + 1 < n` bounds v as well): 'plain'; `Math.abs(v)`: 'abs'; else null.
   */
  private operandIs([a, b]: [number, number], v: string): 'plain' | 'abs' | null {
    const toks = this.toks;
    for (let k = a; k < b; k++) {
      const t = toks[k];
      if (t.kind !== 'id' || t.t !== v) continue;
      const prev = toks[k - 1]?.t;
      const next = toks[k + 1]?.t;
      if ((prev === '.' && toks[k - 2]?.t !== 'this') || prev === '->') continue;
      if (next === '.' || next === '->' || next === '(' || next === '[') continue; // v.length(), v[i]: not v's value
      // Math.abs(v) / abs(v)
      if (prev === '(' && next === ')' && toks[k - 2]?.t === 'abs') return 'abs';
      return 'plain';
    }
    return null;
  }
}

/** Whether the statement at `start` is a call of one of `names` (`exit(1)`, `std::exit(1)`, `::abort()`). */
export function noReturnCall(toks: readonly Token[], start: number, names: ReadonlySet<string>): boolean {
  let k = start;
  if (toks[k]?.t === 'std' && toks[k + 1]?.t === '::') k += 2;
  else if (toks[k]?.t === '::') k++;
  return toks[k]?.kind === 'id' && names.has(toks[k].t) && toks[k + 1]?.t === '(';
}

/**
 * Whether the last statement of the body [from, to) is a `throw` or a call of one of `names`: a
 * function that never returns (`void die(const char *m) { perror(m); exit(1); }`).
 */
export function endsInCall(toks: readonly Token[], from: number, to: number, names: ReadonlySet<string>): boolean {
  if (to - 1 <= from || toks[to - 1].t !== ';') return false;
  let start = from;
  let depth = 0;
  for (let k = to - 2, n = 0; k >= from; k--, n++) {
    if (n > 512) return false;
    const t = toks[k].t;
    if (t === ')' || t === ']') depth++;
    else if (t === '(' || t === '[') depth--;
    else if (depth === 0 && (t === ';' || t === '{' || t === '}')) {
      start = k + 1;
      break;
    }
    if (depth < 0) return false;
  }
  return toks[start]?.t === 'throw' || noReturnCall(toks, start, names);
}
