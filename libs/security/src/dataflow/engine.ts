import type { CweId } from '../cwe';
import { matching, matchingBack } from './brackets';
import { endsInCall, Guard, Guards } from './guards';
import { maxDepth, splitArgs, Token, tokenize } from './tokens';

/**
 * Where untrusted data can reach a dangerous call, within one source file of the C family. The
 * analysis is deliberately simple and over-approximating, as a grader's needs are: it follows data
 * by variable name (scoped to its function, else global) through assignments, copies, containers,
 * function arguments and return values, in any order (flow-insensitive) until nothing changes. A
 * sink it finds untainted is one no input can reach by any of those ways: a risky call on data the
 * program made itself. A tainted sink is evidence that input gets there, with the line it was read.
 *
 * A model can follow other data the same way (labels: a MAX_VALUE constant, a value that may be
 * null, a hard-coded string, a variable only ever set to null or zero), name operators as sinks
 * (a divisor, arithmetic, an array index or size, a loop bound, a dereference), and let a check of
 * the variable that governs the sink (an enclosing `if`, an earlier `if (…) return;`) make it safe.
 */

/** What a language reads input with and what it must not hand untrusted data. */
export interface LanguageModel {
  /** Calls that write input into arguments: name → argument indexes ('rest:n': n and all after). */
  sourceArgs: Readonly<Record<string, readonly (number | `rest:${number}`)[]>>;
  /** Calls whose value is input. */
  sourceReturns: ReadonlySet<string>;
  /** Member calls whose value is input whatever the receiver (`request.getParameter`, `readLine`). */
  sourceMethods: ReadonlySet<string>;
  /** Variables that hold input from the start (`argv` of main, `args` of Java's main). */
  sourceParams: (fn: string, index: number) => boolean;
  /** Stream objects: `cin >> x` taints x. */
  inputStreams: ReadonlySet<string>;
  /** Calls that copy from their other arguments into their first: strcpy(dst, src). */
  copyInto: ReadonlySet<string>;
  /** Dangerous calls: name → kind, CWE and the argument indexes that must not be tainted (one or several). */
  sinks: Readonly<Record<string, SinkSpec | readonly SinkSpec[]>>;
  /** Declared types whose constructor arguments are a sink: `ifstream f(path)`. */
  constructorSinks: Readonly<Record<string, SinkSpec | readonly SinkSpec[]>>;
  /**
   * Member calls that are sinks on any receiver (`stream.open(path)`, `stmt.executeQuery(sql)`), or
   * on a named one (`Files.readString`: the receiver's name, a dot, the method).
   */
  methodSinks: Readonly<Record<string, SinkSpec | readonly SinkSpec[]>>;
  keywords: ReadonlySet<string>;
  /** Parameters of any type but these are references to the caller's objects (Java). */
  objectsByReference: boolean;
  primitives: ReadonlySet<string>;
  /** Other data followed besides input; sinks name the labels they report (SinkSpec.labels). */
  labels?: readonly TaintLabel[];
  /** Operators that are sinks (see OperatorSite). */
  operators?: Readonly<Partial<Record<OperatorSite, SinkSpec | readonly SinkSpec[]>>>;
  /** Capitalized names are classes unless declared in the function (Java): `Integer.parseInt(x)` taints no `Integer`. */
  classNames?: boolean;
  /** Declared types of numbers: arithmetic on a variable of another known type is not checked. */
  integers?: ReadonlySet<string>;
  /** The member operators that dereference their left operand (default `.` and `->`; C: `->` only). */
  memberDereference?: ReadonlySet<string>;
  /** Unary `*v` is a dereference of v (C, C++). */
  unaryDereference?: boolean;
  /** Calls that never return (a program's own function that ends in one of them counts too): `exit`, `abort`. */
  noReturn?: ReadonlySet<string>;
  /** Calls that stop the program unless their argument holds: `assert(p)`. */
  assertions?: ReadonlySet<string>;
}

/**
 * Data followed like input, from other sources. A may-label (fields, methods, literals) reaches
 * what any of its sources can reach; an `only` label is a must-label: a local variable carries it
 * when every value the function (or, for a parameter, every caller) gives it is that literal.
 */
export interface TaintLabel {
  name: string;
  /** Member values that carry it: `MAX_VALUE` for `Integer.MAX_VALUE`. */
  fields?: ReadonlySet<string>;
  /** Member calls that return it, with their argument count (-1: any): getProperty(key), not getProperty(key, default). */
  methods?: Readonly<Record<string, number>>;
  /** Calls of functions (not members) that return it: `malloc(n)`, `std::malloc(n)`. */
  functions?: ReadonlySet<string>;
  /** Objects created with `new` of these types carry it: `new Socket(host, port)`. */
  constructors?: ReadonlySet<string>;
  /** false: an object its data is passed to (`cipher.init(mode, key)`) does not come to hold it. */
  receivers?: boolean;
  /** Calls of `methods` whose first argument is one of these literals do not (`getProperty("os.name")` is never null). */
  except?: ReadonlySet<string>;
  /** Non-empty string literals carry it (not those passed to a call inside the expression: `s.getBytes("UTF-8")`). */
  literals?: boolean;
  /**
   * A must-label: 'null' and 'zero', a variable only ever set to that literal; 'max' and 'min', a
   * variable only ever set to constants (literals, `X.MAX_VALUE`…), one of them the extreme named in
   * `fields` — its value never depends on input, so an overflow it reaches happens on every run.
   */
  only?: 'null' | 'zero' | 'extreme';
  /** With only 'null': the null literals (default `null`). */
  nulls?: ReadonlySet<string>;
  /** It follows whole values only (`a = b`, a call's argument `b`, `return b`), not what is computed from them. */
  copyOnly?: boolean;
  /**
   * With copyOnly: only a whole variable assigned it carries it (`p = malloc(n)`, not `s.p = …`,
   * `a[i] = …` or `*out = …`), and a C++ reference parameter assigned it hands it back to the caller.
   */
  wholeTargets?: boolean;
  /**
   * A value passed on (assigned, given to a function of the program, returned) where a check of
   * this kind governs it no longer carries the label: `if (p) q = p;` gives q nothing.
   */
  checkedBy?: Guard;
  /** How findings name it: `A MAX_VALUE constant`. */
  describe: string;
}

/**
 * Operators as sinks: `a / b`, `a % b` (divisor: b); `v + 1`, `v++`, `v * 2`, `v * v` (add,
 * subtract, multiply: a variable offset or scaled by a constant or squared, the way a value
 * overflows; sums of two variables are not checked); `a[i]` (index: i); `new T[n]` (allocation: n);
 * a comparison in a loop's condition (loop: the side that is not the counter; a loop whose body
 * reads input is bounded by the input); `v.m()`, `v.f`, `v[i]` (dereference: v).
 */
export type OperatorSite =
  'divisor' | 'add' | 'subtract' | 'multiply' | 'index' | 'allocation' | 'loop' | 'dereference';

export type SinkKind =
  | 'command'
  | 'format'
  | 'copy'
  | 'path'
  | 'sql'
  | 'code'
  | 'deserialization'
  | 'divide'
  | 'overflow'
  | 'index'
  | 'allocation'
  | 'loop'
  | 'resource'
  | 'null'
  | 'credential'
  | 'stored-password'
  | 'cleartext';

export interface SinkSpec {
  kind: SinkKind;
  cwe: CweId;
  /** Argument indexes checked; 'all' for every argument. */
  args: readonly number[] | 'all';
  /** And every argument from this index on (sprintf's data arguments). */
  from?: number;
  /**
   * A program and its arguments (execl, ProcessBuilder): only the program is checked, unless it is
   * a shell, whose command string is then checked too. Input as a plain argument of a fixed program
   * is not an injection.
   */
  program?: boolean;
  /** The labels it reports (default: input only); a sink input does not reach may still report one of these. */
  labels?: readonly string[];
  /**
   * Reports a label only where none of these reach the argument as well ('input': a hard-coded key
   * that input may replace is a default; 'decrypted': a stored password the program decrypts).
   */
  unless?: readonly string[];
  /** A check of the argument's variables, governing the sink, that makes it safe. */
  guard?: Guard;
  /** A method sink only where its receiver carries this label (`writer.println(x)` on a plain socket's stream). */
  receiverLabel?: string;
  /** Checks only number-valued uses of variables (`n`, not `s.length()`), for sizes and counts. */
  numeric?: boolean;
}

const SHELLS = /^"(\/(usr\/)?bin\/)?(sh|bash|dash|zsh|ksh|cmd(\.exe)?|powershell(\.exe)?)"$/;

export interface SinkCall {
  name: string;
  kind: SinkKind;
  cwe: CweId;
  line: number;
  column: number;
  /** Some checked argument carries input. */
  tainted: boolean;
  /** The line where that input was read (0 when unknown). */
  sourceLine: number;
  /** A label's sink: what reaches it instead of input (`A MAX_VALUE constant`). */
  origin?: string;
  label?: string;
}

export interface CallSite {
  name: string;
  line: number;
  column: number;
  /** Each argument's tokens. */
  args: Token[][];
}

export interface DataflowResult {
  sinks: SinkCall[];
  calls: CallSite[];
  /** Preprocessor directive lines. */
  directiveLines: Set<number>;
}

interface Fn {
  name: string;
  params: string[];
  /** Parameters through which the function can write into its caller's data (pointers, references, arrays). */
  byRef: boolean[];
  /** Parameters that are C++ references (`T &x`, `T *&p`): assigning one assigns the caller's variable. */
  refs: boolean[];
  /** Body tokens, braces excluded. */
  from: number;
  to: number;
  locals: Set<string>;
  /** Declared type (its last word) of locals and parameters where known. */
  types: Map<string, string>;
}

/** rec[name], never an inherited property (`toString`, `constructor`: a source names anything). */
/** A table of sinks by name, as the language models write them. */
export type SinkTable = Record<string, SinkSpec | SinkSpec[]>;

/** The same spec (or specs) for each of the space-separated names. */
export const sinkNames = (list: string, spec: SinkSpec | SinkSpec[]): SinkTable =>
  Object.fromEntries(list.split(/\s+/).map((n) => [n, spec]));

/** Tables of sinks joined: a name in several keeps all their specs. */
export function joinSinks(...tables: SinkTable[]): SinkTable {
  const out: SinkTable = {};
  for (const t of tables) {
    for (const [name, s] of Object.entries(t)) {
      const had = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : [];
      out[name] = [...(Array.isArray(had) ? had : [had]), ...(Array.isArray(s) ? s : [s])];
    }
  }
  return out;
}

export function own<T>(rec: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, name) ? rec[name] : undefined;
}

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'sizeof', 'return', 'do', 'else', 'synchronized']);
const TYPE_PREFIX = new Set([
  'const',
  'static',
  'volatile',
  'unsigned',
  'signed',
  'struct',
  'enum',
  'union',
  'register',
  'extern',
  'final',
  'auto',
  'long',
  'short',
  'inline',
]);
const SIZE_TYPES = new Set(['long', 'short', 'signed', 'unsigned']);
const DECLARATOR_END = new Set(['=', ';', ',', '[']);
const NOT_TYPES = new Set([
  'return',
  'delete',
  'goto',
  'case',
  'else',
  'throw',
  'new',
  'using',
  'typedef',
  'break',
  'continue',
  'default',
  'do',
  'namespace',
  'template',
]);

/** Above this many tokens the source is not analysed (a program that size is not a student's). */
export const MAX_TOKENS = 200_000;
/** Deeper bracket nesting than this and the source is not analysed. */
export const MAX_DEPTH = 64;
const MAX_ROUNDS = 25;
/** Functions of one name a call is followed into (overloads; beyond, a hostile source). */
const MAX_OVERLOADS = 64;
/** Token visits the propagation of all labels together may take (then they stop where they got). */
const LABEL_BUDGET = 20_000_000;
/** Region visits all guard checks of one source may take (then every sink counts as checked). */
const GUARD_BUDGET = 4_000_000;
const ASSIGN_OPS = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);
/** Calls that read a number (`in.nextInt()`): input as a number, not through a variable. */
const NUMBER_READS = /^next(Int|Long|Short|Byte|Double|Float|BigInteger|BigDecimal)$/;
/** Conversions of text to a number: what they return carries what their argument does. */
const PARSERS = new Set([
  'parseInt',
  'parseLong',
  'parseShort',
  'parseByte',
  'parseDouble',
  'parseFloat',
  'valueOf',
  'decode',
]);
const FLOATS = new Set(['float', 'double', 'Float', 'Double']);
const NAMED_CASTS = new Set(['static_cast', 'reinterpret_cast', 'const_cast']);
/** Operators whose operand is not evaluated: `sizeof *p` reads nothing through p. */
const UNEVALUATED = new Set(['sizeof', 'alignof', '_Alignof', 'decltype', 'typeof', '__typeof__', 'noexcept']);
/** What type arguments hold besides names: `Map<K, V[]>`, `List<? extends T>`, `static_cast<std::FILE *>`. */
const TYPE_ARGUMENT_TOKENS = new Set([',', '.', '?', '[', ']', '*', '&', '::']);

export function dataflow(source: string, model: LanguageModel): DataflowResult | null {
  const { tokens: toks, macros } = tokenize(source);
  // Nesting that deep is no hand-written program; each level would cost a scan of what it holds.
  if (toks.length > MAX_TOKENS || maxDepth(toks) > MAX_DEPTH) return null;
  // Macros that rename a function (`#define POPEN popen`) are read as that function.
  const canon = (name: string): string => {
    let n = name;
    for (let k = 0; k < 4 && macros.aliases.has(n); k++) n = macros.aliases.get(n)!;
    return n;
  };
  const fns = functions(toks, model);
  const byName = new Map<string, Fn[]>();
  const anyReferences = fns.some((f) => f.refs.includes(true));
  for (const f of fns) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const key = (fn: Fn | null, name: string) =>
    fn && fn.locals.has(name) ? `${fn.name}#${fn.from}:${name}` : `:${name}`;
  const isMember = (i: number) => toks[i - 1]?.t === '.' || toks[i - 1]?.t === '->';
  const isFloat = (fn: Fn, v: string) => FLOATS.has(fn.types.get(v) ?? '');

  /** The variable an lvalue ending just before `end` names: `a.b[i]`, `*p`, `(*pp)` → a, p, pp. */
  const target = (end: number, floor: number): string | null => {
    let j = end - 1;
    let found: string | null = null;
    while (j >= floor) {
      const t = toks[j];
      if (t.t === ']') {
        j = matchingBack(toks, j) - 1;
        continue;
      }
      if (t.t === ')') {
        const open = matchingBack(toks, j);
        if (open < floor) break;
        for (let k = open + 1; k < j; k++) if (toks[k].kind === 'id') return toks[k].t;
        break;
      }
      if (t.kind === 'id') {
        // this.x, this->x: the member x is the variable
        if (t.t === 'this' && found !== null && (toks[j + 1]?.t === '.' || toks[j + 1]?.t === '->')) return found;
        found = t.t;
        if (toks[j - 1]?.t === '.' || toks[j - 1]?.t === '->') {
          j -= 2;
          continue;
        }
      }
      break;
    }
    return found;
  };
  /**
   * The variable an assignment at `eq` assigns as a whole: `p = …`, `char **p = …`, `this->p = …`;
   * null for a member, an element or what a pointer points to (`s.p`, `a[i]`, `*out`).
   */
  const wholeTarget = (eq: number, floor: number): string | null => {
    const v = eq - 1;
    if (v < floor || toks[v].kind !== 'id') return null;
    if (isMember(v)) return toks[v - 2]?.t === 'this' && !isMember(v - 2) ? toks[v].t : null;
    // `*p = …` writes where p points; `char *p = …`, `int *a = …, *b = …` declare p and b
    let k = v - 1;
    while (k >= floor && (toks[k].t === '*' || toks[k].t === '&' || toks[k].t === '&&')) k--;
    const declares =
      k >= floor && ((toks[k].kind === 'id' && !CONTROL.has(toks[k].t)) || toks[k].t === '>' || toks[k].t === ',');
    if (k < v - 1 && !declares) return null;
    return toks[v].t;
  };
  /** `Integer.parseInt(x)`: with classNames, a capitalized name no variable of the function has is a class. */
  const isClass = (fn: Fn, name: string) =>
    model.classNames === true && name[0] >= 'A' && name[0] <= 'Z' && !fn.locals.has(name);
  /** `new T(…)`, `new java.util.T(…)`: the name at `i` is a type being constructed. */
  const newAt = (i: number): boolean => {
    let k = i;
    for (let n = 0; n < 32 && toks[k - 1]?.t === '.' && toks[k - 2]?.kind === 'id'; n++) k -= 2;
    return toks[k - 1]?.t === 'new';
  };
  /** A method called on an object, not a constructor (`new a.b.T()`). */
  const memberCall = (i: number) => isMember(i) && !newAt(i);
  /** `java.util.Objects.requireNonNull(x)`, `Integer.parseInt(x)`: a call on a class (classNames), not on an object. */
  const staticCall = (fn: Fn, i: number): boolean => {
    if (!model.classNames) return false;
    for (let k = i - 2, n = 0; n < 32 && k >= 0 && toks[k]?.kind === 'id'; k -= 2, n++) {
      if (isClass(fn, toks[k].t)) return true;
      if (toks[k - 1]?.t !== '.') break;
    }
    return false;
  };

  /** Whether the call whose name is at `i` is one the model reads input with. */
  const readsInput = (i: number): boolean => {
    const name = canon(toks[i].t);
    if (isMember(i)) return model.sourceMethods.has(name);
    return model.sourceReturns.has(name) || own(model.sourceArgs, name) !== undefined;
  };

  /**
   * Follows input (label null) or a label's data through the program until nothing changes, and
   * answers where it reaches.
   */
  const propagate = (label: TaintLabel | null): Analysis => {
    /** Taint: variable key → line the data was read (first found). */
    const taint = new Map<string, number>();
    const returns = new Map<string, number>();
    const copyOnly = label?.copyOnly === true;
    /** Variables given data inside their function (not by the caller): a by-reference parameter among them reaches back. */
    const written = new Set<string>();
    let changed = false;
    const mark = (k: string, line: number, fromCaller = false) => {
      if (!fromCaller && !written.has(k)) {
        written.add(k);
        changed = true;
      }
      if (!taint.has(k)) {
        taint.set(k, line);
        changed = true;
      }
    };

    /** Whether the member call whose name is at `i` returns the label's data. */
    const labelledCall = (i: number): boolean => {
      if (label?.constructors?.has(toks[i].t) && newAt(i)) return true;
      if (label?.functions?.has(canon(toks[i].t)) && !isMember(i) && !newAt(i)) return toks[i + 1]?.t === '(';
      if (!label?.methods || !isMember(i)) return false;
      const arity = own(label.methods, toks[i].t);
      if (arity === undefined || toks[i + 1]?.t !== '(') return false;
      const args = splitArgs(toks, i + 1, matching(toks, i + 1));
      if (arity >= 0 && args.length !== arity) return false;
      const first = args[0] && args[0][1] - args[0][0] === 1 ? toks[args[0][0]] : null;
      return !(first?.kind === 'str' && label.except?.has(first.t.slice(1, -1)));
    };

    /** The line some of the data in tokens [from, to) came from, or null when none of it does. */
    const taintOf = (fn: Fn | null, from: number, to: number, viaVariables = true): number | null => {
      let depth = 0;
      for (let i = from; i < to; i++) {
        const tk = toks[i];
        if (tk.t === '(') depth++;
        else if (tk.t === ')') depth--;
        if (label?.literals && tk.kind === 'str' && tk.t.length > 2 && depth <= 0) return tk.line;
        if (tk.kind !== 'id') continue;
        if (tk.t === 'sizeof' && toks[i + 1]?.t === '(') {
          i = matching(toks, i + 1);
          continue;
        }
        const next = toks[i + 1]?.t;
        const member = isMember(i);
        if (next === '(') {
          const name = canon(tk.t);
          if (!label) {
            if (model.sourceReturns.has(name) && !member) return tk.line;
            if (member && model.sourceMethods.has(name)) return tk.line;
          } else if (labelledCall(i)) return tk.line;
          const r = returns.get(name);
          if (r !== undefined) return r;
          continue;
        }
        if (member) {
          if (label?.fields?.has(tk.t)) return tk.line;
          // this.x, this->x: the field x; other member names are no variables
          if (!viaVariables || toks[i - 2]?.t !== 'this') continue;
        }
        if (!viaVariables) continue;
        const l = taint.get(key(fn, canon(tk.t)));
        if (l !== undefined) return l;
      }
      return null;
    };

    /** For labels that follow whole values: the line when tokens [from, to) are one value that carries it. */
    const wholeOf = (fn: Fn | null, from: number, to: number): number | null => {
      const [a, b] = unwrap(toks, from, to);
      if (b <= a) return null;
      const first = toks[a];
      if (b - a === 1) {
        if (first.kind === 'str' && label?.literals && first.t.length > 2) return first.line;
        if (first.kind !== 'id') return null;
        return taint.get(key(fn, canon(first.t))) ?? null;
      }
      // this.v
      if (b - a === 3 && first.t === 'this' && toks[a + 1].t === '.') return taint.get(key(fn, toks[a + 2].t)) ?? null;
      // Integer.MAX_VALUE
      const last = toks[b - 1];
      if (last.kind === 'id' && label?.fields?.has(last.t) && isMember(b - 1)) {
        for (let k = a; k < b; k++) if (toks[k].kind !== 'id' && toks[k].t !== '.') return null;
        return last.line;
      }
      // a call that returns it: obj.getProperty("k"), or a function of the program's that does
      if (last.t === ')') {
        const open = matchingBack(toks, b - 1);
        const name = toks[open - 1];
        if (open - 1 < a || !name || name.kind !== 'id') return null;
        for (let k = a; k < open - 1; k++)
          if (toks[k].kind !== 'id' && toks[k].t !== '.' && toks[k].t !== '::') return null;
        if (labelledCall(open - 1)) return name.line;
        if (!isMember(open - 1) && !newAt(open - 1)) return returns.get(canon(name.t)) ?? null;
      }
      return null;
    };
    const valueOf = (fn: Fn | null, from: number, to: number) => (copyOnly ? wholeOf : taintOf)(fn, from, to);
    /** Checks already answered: `fn.from:at:variable` → governed by label.checkedBy. */
    const checkedAt = new Map<string, boolean>();
    const checked = (fn: Fn, at: number, v: string): boolean => {
      const k = `${fn.from}:${at}:${v}`;
      let ok = checkedAt.get(k);
      if (ok === undefined) {
        ok = guarded(fn, at, [v], label?.checkedBy);
        checkedAt.set(k, ok);
      }
      return ok;
    };
    /**
     * The value of tokens [from, to) as it is passed on at token `at` (assigned to `lhs`, returned,
     * given to a function): none where it is a variable a check of label.checkedBy governs there, or
     * where `lhs` is checked by the end of the block the assignment is in (`p = malloc(n); if (!p)
     * exit(1);`: the value that leaves the block is checked).
     */
    const passedOn = (fn: Fn, at: number, from: number, to: number, lhs?: string): number | null => {
      const l = valueOf(fn, from, to);
      if (l === null || !label?.checkedBy) return l;
      const [a, b] = unwrap(toks, from, to);
      if (b - a === 1 && toks[a].kind === 'id' && checked(fn, at, toks[a].t)) return null;
      if (lhs !== undefined) {
        const end = guardsFor(fn).blockEnd(at);
        if (end > at && checked(fn, end, lhs)) return null;
      }
      return l;
    };
    const direct = (fn: Fn | null, from: number, to: number): boolean => {
      if (!copyOnly) return taintOf(fn, from, to, false) !== null;
      const [a, b] = unwrap(toks, from, to);
      const plain = (b - a === 1 && toks[a].kind === 'id') || (b - a === 3 && toks[a].t === 'this');
      return !plain && wholeOf(fn, from, to) !== null;
    };

    if (!label)
      for (const f of fns) f.params.forEach((p, i) => model.sourceParams(f.name, i) && taint.set(key(f, p), 0));

    for (let round = 0; round < MAX_ROUNDS; round++) {
      changed = false;
      for (const fn of fns) {
        // labels share a budget of token visits (input is followed to the end)
        if (label && (labelBudget -= fn.to - fn.from) < 0) break;
        for (let i = fn.from; i < fn.to; i++) {
          const tk = toks[i];
          // Assignments: `lhs = rhs`, `lhs += rhs` (rhs up to the end of its expression).
          if (tk.kind === 'op' && (tk.t === '=' || tk.t === '+=' || tk.t === '<<=' || tk.t === '|=')) {
            if (copyOnly && tk.t !== '=') continue;
            const lhs = label?.wholeTargets ? wholeTarget(i, fn.from) : target(i, fn.from);
            if (!lhs) continue;
            const end = expressionEnd(toks, i + 1, fn.to);
            const l = passedOn(fn, i, i + 1, end, lhs);
            if (l !== null) mark(key(fn, lhs), l);
            continue;
          }
          // `cin >> a >> b`
          if (!label && tk.kind === 'id' && model.inputStreams.has(tk.t) && toks[i + 1]?.t === '>>') {
            let j = i + 1;
            while (toks[j]?.t === '>>') {
              const end = operandEnd(toks, j + 1, fn.to);
              const v = firstVariable(toks, j + 1, end);
              if (v) mark(key(fn, v), tk.line);
              j = end;
            }
            continue;
          }
          if (tk.t === 'return') {
            const end = expressionEnd(toks, i + 1, fn.to);
            const l = passedOn(fn, i, i + 1, end);
            if (l !== null && !returns.has(fn.name)) {
              returns.set(fn.name, l);
              changed = true;
            }
            continue;
          }
          if (tk.kind !== 'id' || toks[i + 1]?.t !== '(' || CONTROL.has(tk.t)) continue;
          const open = i + 1;
          const close = matching(toks, open);
          const args = splitArgs(toks, open, close);
          const name = canon(tk.t);
          const member = memberCall(i);
          const receiver = member && !staticCall(fn, i) ? target(i - 1, fn.from) : null;
          const declType = member ? null : newAt(i) ? null : declaredType(toks, i, fn.from);
          const argTaint = args.map(([a, b]) => valueOf(fn, a, b));
          const anyTaint = argTaint.find((x) => x !== null) ?? null;
          if (!label) {
            // Input read into arguments.
            const into = member && receiver && model.inputStreams.has(receiver) ? [0] : own(model.sourceArgs, name);
            if (into && (!member || (receiver && model.inputStreams.has(receiver)))) {
              for (const spec of into) {
                const idx =
                  typeof spec === 'number' ? [spec] : args.map((_, k) => k).filter((k) => k >= Number(spec.slice(5)));
                // sscanf and friends read from their first argument: input only if it is.
                if (name === 'sscanf' || name === 'swscanf') {
                  if (argTaint[0] === null) continue;
                }
                for (const k of idx) {
                  if (!args[k]) continue;
                  const v = firstVariable(toks, args[k][0], args[k][1]);
                  if (v) mark(key(fn, v), tk.line);
                }
              }
            }
            // std::getline(stream, s) reads into its second argument.
            if (name === 'getline' && args.length === 2) {
              const s = firstVariable(toks, args[0][0], args[0][1]);
              const v = firstVariable(toks, args[1][0], args[1][1]);
              if (s && model.inputStreams.has(s) && v) mark(key(fn, v), tk.line);
            }
          }
          if (!copyOnly) {
            // Copies: the destination holds what the sources held.
            if (model.copyInto.has(name) && args.length > 1) {
              const l = argTaint.slice(1).find((x) => x !== null);
              const v = firstVariable(toks, args[0][0], args[0][1]);
              if (l != null && v) mark(key(fn, v), l);
            }
            // A container or object given data holds it: v.push_back(x), list.add(x), sb.append(x).
            if (member && receiver && anyTaint !== null && !isClass(fn, receiver) && label?.receivers !== false)
              mark(key(fn, receiver), anyTaint);
            // `Type var(args)`: a variable constructed from data holds it.
            if (declType && anyTaint !== null) mark(key(fn, tk.t), anyTaint);
          }
          // Arguments of the program's own functions flow into their parameters.
          // and what they write through a pointer or reference parameter flows back into the argument.
          for (const callee of (byName.get(name) ?? []).slice(0, MAX_OVERLOADS)) {
            args.forEach(([a, b], k) => {
              const l = argTaint[k] !== null && label?.checkedBy ? passedOn(fn, i, a, b) : argTaint[k];
              const at = Math.min(k, callee.params.length - 1);
              const p = callee.params[at];
              if (p === undefined) return;
              if (l !== null) mark(key(callee, p), l, true);
              const back = key(callee, p);
              if (!written.has(back)) return;
              if (!copyOnly && callee.byRef[at]) {
                const v = firstVariable(toks, a, b);
                if (v) mark(key(fn, v), taint.get(back) ?? 0);
              } else if (label?.wholeTargets && callee.refs[at]) {
                // `void get(T *&p) { p = malloc(n); }`: the caller's variable is assigned
                const [va, vb] = unwrap(toks, a, b);
                if (vb - va === 1 && toks[va].kind === 'id') mark(key(fn, toks[va].t), taint.get(back) ?? 0);
              }
            });
          }
        }
      }
      if (!changed) break;
    }
    return { label, at: valueOf, variable: (fn, name) => taint.get(key(fn, canon(name))) ?? null, direct };
  };

  /** Whether the argument at `i` is passed to a reference parameter (`T &x`) of one of the program's functions. */
  const passedByReference = (i: number): boolean => {
    if (!anyReferences) return false;
    let open = i - 1;
    for (let n = 0; open >= 0 && n < 256 && toks[open].t !== '('; n++) {
      const t = toks[open].t;
      if (t === ')' || t === ']' || t === '}') open = matchingBack(toks, open) - 1;
      else if (t === '[' || t === '{' || t === ';') return false;
      else open--;
    }
    if (toks[open]?.t !== '(' || toks[open - 1]?.kind !== 'id') return false;
    const callees = byName.get(toks[open - 1].t);
    if (!callees) return false;
    const k = splitArgs(toks, open, matching(toks, open)).findIndex(([a, b]) => a <= i && i < b);
    return callees.some((c) => c.refs[Math.min(k, c.refs.length - 1)] === true);
  };

  /** A must-label: locals (and parameters every caller gives it) only ever set to the label's literal. */
  const constantOnly = (label: TaintLabel): Analysis => {
    const kind = label.only;
    /** The line of the label's literal in [from, to); 0 for another constant ('extreme' only); false for anything else. */
    const constantAt = (from: number, to: number): number | false => {
      const [a, b] = unwrap(toks, from, to);
      if (kind === 'extreme') {
        if (toks[a]?.t === '-' && b - a === 2 && toks[a + 1].kind === 'num') return 0;
        // Integer.MAX_VALUE, Long.MIN_VALUE: its label's field is the literal, any other field a constant
        if (b - a === 3 && toks[a].kind === 'id' && toks[a + 1].t === '.' && /^[A-Z][A-Z0-9_]*$/.test(toks[a + 2].t))
          return label.fields?.has(toks[a + 2].t) ? toks[a + 2].line : 0;
        return b - a === 1 && toks[a].kind === 'num' ? 0 : false;
      }
      if (b - a !== 1) return false;
      const t = toks[a];
      const hit = kind === 'null' ? nullLiteral(label, t.t) : t.kind === 'num' && isZero(t.t);
      return hit ? t.line : false;
    };
    /**
     * key → line of the first write of the label's literal (0 while only other constants were
     * written), or false once anything else is written.
     */
    const state = new Map<string, number | false>();
    const write = (k: string, value: number | false) => {
      const was = state.get(k);
      if (was === false) return;
      state.set(k, value === false ? false : was || value);
    };
    for (const fn of fns) {
      for (let i = fn.from; i < fn.to; i++) {
        const tk = toks[i];
        if (tk.kind !== 'id' || !fn.locals.has(tk.t) || isMember(i)) continue;
        const next = toks[i + 1]?.t;
        const prev = toks[i - 1]?.t;
        const k = key(fn, tk.t);
        if (next === '=') write(k, constantAt(i + 2, expressionEnd(toks, i + 2, fn.to)));
        else if (next !== undefined && ASSIGN_OPS.has(next)) write(k, false);
        else if (next === '++' || next === '--' || prev === '++' || prev === '--') write(k, false);
        else if (next === ':' && toks[i - 1]?.kind === 'id' && prev !== 'case')
          write(k, false); // for (T v : items)
        else if (next === ')' && toks[i - 1]?.kind === 'id' && toks[i - 2]?.t === '(' && toks[i - 3]?.t === 'catch')
          write(k, false);
        // `&v` (`getline(&line, &n, f)`): written through the pointer
        else if (prev === '&' && !binaryAt(toks, i - 1)) write(k, false);
        // `void get(T *&p)`: get(v) assigns v
        else if ((prev === '(' || prev === ',') && (next === ')' || next === ',') && passedByReference(i))
          write(k, false);
      }
    }
    // Parameters: what every call passes (a constant, or a variable of the caller's that is one).
    const paramKeys = new Set<string>();
    for (const f of fns) for (const p of f.params) paramKeys.add(key(f, p));
    for (const k of paramKeys) state.delete(k);
    const passed = new Map<string, number | false>();
    for (let round = 0; round < 4; round++) {
      passed.clear();
      for (const fn of fns) {
        for (let i = fn.from; i < fn.to; i++) {
          const tk = toks[i];
          if (tk.kind !== 'id' || toks[i + 1]?.t !== '(' || isMember(i)) continue;
          const callees = byName.get(tk.t);
          if (!callees) continue;
          const args = splitArgs(toks, i + 1, matching(toks, i + 1));
          for (const callee of callees) {
            callee.params.forEach((p, k) => {
              const pk = key(callee, p);
              if (passed.get(pk) === false) return;
              const arg = args[k];
              if (!arg || args.length !== callee.params.length) return void passed.set(pk, false);
              const [a, b] = unwrap(toks, arg[0], arg[1]);
              let v = constantAt(a, b);
              if (v === false && b - a === 1 && toks[a].kind === 'id') v = state.get(key(fn, toks[a].t)) ?? false;
              const had = passed.get(pk);
              passed.set(pk, v === false ? false : had || v);
            });
          }
        }
      }
      let changedParams = false;
      for (const k of paramKeys) {
        const v = passed.get(k) ?? false;
        if (state.get(k) !== v) {
          state.set(k, v);
          changedParams = true;
        }
      }
      if (!changedParams) break;
    }
    const variable = (fn: Fn | null, name: string): number | null => {
      const v = state.get(key(fn, name));
      return typeof v === 'number' && v > 0 ? v : null;
    };
    const at = (fn: Fn | null, from: number, to: number): number | null => {
      const [a, b] = unwrap(toks, from, to);
      return b - a === 1 && toks[a].kind === 'id' ? variable(fn, toks[a].t) : null;
    };
    return { label, at, variable, direct: () => false };
  };

  /** The model's calls that never return (unless the program defines its own), and the program's functions that end in one. */
  const noReturn = new Set([...(model.noReturn ?? [])].filter((n) => !byName.has(n)));
  if (noReturn.size) {
    for (let round = 0, grew = true; grew && round < 4; round++) {
      grew = false;
      for (const f of fns) {
        if (!noReturn.has(f.name) && endsInCall(toks, f.from, f.to, noReturn)) {
          noReturn.add(f.name);
          grew = true;
        }
      }
    }
  }
  const guardsOf = new Map<Fn, Guards>();
  let guardBudget = GUARD_BUDGET;
  const guardsFor = (fn: Fn): Guards => {
    let g = guardsOf.get(fn);
    if (!g) {
      g = new Guards(toks, fn.from, fn.to, guardBudget, { noReturn, assertions: model.assertions });
      guardsOf.set(fn, g);
    }
    return g;
  };
  const guarded = (fn: Fn, at: number, vars: readonly string[], need: Guard | undefined): boolean => {
    if (!need) return false;
    const g = guardsFor(fn);
    const ok = g.guarded(at, vars, need);
    guardBudget = g.remaining;
    return ok;
  };

  let labelBudget = LABEL_BUDGET;
  const input = propagate(null);
  const analyses = new Map<string, Analysis>([['input', input]]);
  for (const label of model.labels ?? []) {
    // (a function it names may appear only through a macro: `#define ALLOC malloc`)
    const aliased = label.functions && [...macros.aliases.values()].some((v) => label.functions!.has(v));
    if (!labelPresent(toks, label) && !aliased) continue;
    analyses.set(label.name, label.only ? constantOnly(label) : propagate(label));
  }

  /** How many input-reading calls there are before each token (for the loops that read input). */
  let readsBefore: Int32Array | null = null;
  const inputReadsBetween = (from: number, to: number): boolean => {
    if (!readsBefore) {
      readsBefore = new Int32Array(toks.length + 1);
      for (let k = 0; k < toks.length; k++) {
        const call = toks[k].kind === 'id' && toks[k + 1]?.t === '(' && readsInput(k);
        readsBefore[k + 1] = readsBefore[k] + (call ? 1 : 0);
      }
    }
    return readsBefore[Math.min(to, toks.length)] - readsBefore[Math.max(from, 0)] > 0;
  };

  /**
   * Where an analysis's data reaches tokens [from, to) as a value: its line, and the variables
   * that carry it there (for guards; a direct source call carries it too, and no check covers that).
   */
  const reach = (an: Analysis, fn: Fn, from: number, to: number, numeric: boolean): Reach | null => {
    if (!numeric) {
      const line = an.at(fn, from, to);
      if (line === null) return null;
      const vars: string[] = [];
      for (let i = from; i < to; i++) {
        const tk = toks[i];
        if (tk.kind !== 'id' || isMember(i) || toks[i + 1]?.t === '(') continue;
        if (an.variable(fn, tk.t) !== null) vars.push(tk.t);
      }
      return { line, vars, direct: vars.length === 0 || an.direct(fn, from, to) };
    }
    let line: number | null = null;
    let direct = false;
    const vars: string[] = [];
    for (let i = from; i < to; i++) {
      const tk = toks[i];
      if (tk.kind !== 'id' || isMember(i)) continue;
      const next = toks[i + 1]?.t;
      if (next === '(') {
        // a number read from input: in.nextInt(), Integer.parseInt(line)
        const close = matching(toks, i + 1);
        if (an === input && readsInput(i) && NUMBER_READS.test(tk.t)) {
          line ??= tk.line;
          direct = true;
        } else if (PARSERS.has(tk.t) && an.at(fn, i + 2, close) !== null) {
          line ??= an.at(fn, i + 2, close);
          direct = true;
        }
        continue;
      }
      if (next === '.' || next === '->' || next === '[') continue; // s.length(), a[i]: not the variable's value
      const type = fn.types.get(tk.t);
      if (type && model.integers && !model.integers.has(type) && !FLOATS.has(type)) continue;
      const l = an.variable(fn, tk.t);
      if (l === null) continue;
      line ??= l;
      vars.push(tk.t);
    }
    return line === null ? null : { line, vars, direct };
  };

  const sinks: SinkCall[] = [];
  const calls: CallSite[] = [];
  const report = (
    fn: Fn,
    at: number,
    name: string,
    specs: SinkSpec | readonly SinkSpec[],
    ranges: readonly [number, number][],
    opts: { keepUntainted: boolean; integer?: boolean },
  ) => {
    const tk = toks[at];
    const list: readonly SinkSpec[] = Array.isArray(specs) ? (specs as readonly SinkSpec[]) : [specs as SinkSpec];
    for (const spec of list) {
      let found: { an: Analysis; line: number } | null = null;
      for (const labelName of spec.labels ?? ['input']) {
        const an = analyses.get(labelName);
        if (!an) continue;
        for (const [a, b] of ranges) {
          const r = reach(an, fn, a, b, spec.numeric === true);
          if (!r) continue;
          if (opts.integer && r.vars.some((v) => isFloat(fn, v))) continue;
          if (spec.unless?.some((u) => analyses.get(u)?.at(fn, a, b) != null)) continue;
          if (!r.direct && guarded(fn, at, r.vars, spec.guard)) continue;
          found = { an, line: r.line };
          break;
        }
        if (found) break;
      }
      if (!found && !(opts.keepUntainted && (spec.labels ?? ['input']).includes('input'))) continue;
      const sink: SinkCall = {
        name,
        kind: spec.kind,
        cwe: spec.cwe,
        line: tk.line,
        column: tk.col,
        tainted: found !== null,
        sourceLine: found?.line ?? 0,
      };
      if (found && found.an !== input && found.an.label) {
        sink.label = found.an.label.name;
        sink.origin = found.an.label.describe;
      }
      sinks.push(sink);
    }
  };

  // `sizeof p[0]`, `sizeof(*p)`: operands that are never evaluated
  const unevaluated = new Uint8Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    if (!UNEVALUATED.has(toks[i].t)) continue;
    let k = i + 1;
    if (toks[k]?.t === '(') {
      const close = matching(toks, k);
      unevaluated.fill(1, k, Math.min(close, toks.length));
      continue;
    }
    while (toks[k] && (toks[k].t === '*' || toks[k].t === '&')) k++;
    if (toks[k]?.kind === 'id') k++;
    for (let n = 0; n < 64 && k < toks.length; n++) {
      const t = toks[k].t;
      if (t === '(' || t === '[') k = matching(toks, k) + 1;
      else if ((t === '.' || t === '->') && toks[k + 1]?.kind === 'id') k += 2;
      else break;
    }
    unevaluated.fill(1, i + 1, Math.min(k, toks.length));
  }

  // The calls and sinks, read with the final taint.
  for (const fn of fns) {
    for (let i = fn.from; i < fn.to; i++) {
      const tk = toks[i];
      if (model.operators && (tk.kind === 'op' || tk.t === 'for' || tk.t === 'while')) {
        operatorSinks(fn, i);
      }
      if (tk.kind !== 'id' || CONTROL.has(tk.t)) continue;
      // `new Type<Args>(…)`: a generic constructor
      let open = i + 1;
      if (toks[open]?.t === '<' && newAt(i)) open = skipTypeArguments(toks, open, fn.to);
      if (toks[open]?.t !== '(') continue;
      const close = matching(toks, open);
      const args = splitArgs(toks, open, close);
      const name = canon(tk.t);
      const member = memberCall(i);
      if (open === i + 1)
        calls.push({ name, line: tk.line, column: tk.col, args: args.map(([a, b]) => toks.slice(a, b)) });
      const declType = member ? null : newAt(i) ? name : declaredType(toks, i, fn.from);
      const qualifier = member && toks[i - 2]?.kind === 'id' ? toks[i - 2].t : null;
      const found = member
        ? ((qualifier !== null ? own(model.methodSinks, `${qualifier}.${name}`) : undefined) ??
          own(model.methodSinks, name))
        : declType
          ? own(model.constructorSinks, declType)
          : byName.has(name)
            ? undefined // the program's own function of that name
            : own(model.sinks, name);
      if (!found) continue;
      for (const spec of Array.isArray(found) ? found : [found as SinkSpec]) {
        const first = toks[args[0]?.[0] ?? -1];
        const program = first?.kind === 'str' ? first.t : first ? (macros.literals.get(first.t) ?? '') : '';
        const shell = spec.program && args.length > 1 && SHELLS.test(program);
        const checked = args
          .map((_, k) => k)
          .filter((k) => !spec.program || shell || k === 0 || args.length === 1)
          .filter((k) => spec.args === 'all' || spec.args.includes(k) || (spec.from !== undefined && k >= spec.from));
        if (spec.receiverLabel) {
          // a sink only on a receiver that carries the label
          const receiver = member ? target(i - 1, fn.from) : null;
          const holder = analyses.get(spec.receiverLabel);
          if (!receiver || !holder || holder.variable(fn, receiver) === null) continue;
        }
        report(
          fn,
          i,
          declType ?? name,
          spec,
          checked.map((k) => args[k]),
          { keepUntainted: true },
        );
      }
    }
  }

  /** `*p`, `**pp`, `*p++`: the variable after the unary `*` at `i` dereferenced (not in a declaration, a cast or sizeof). */
  function unaryDereference(fn: Fn, i: number): void {
    const v = toks[i + 1];
    if (!v || v.kind !== 'id' || !fn.locals.has(v.t) || v.t === 'this') return;
    // `*p->next`, `*a[i]`, `*f(x)`: a dereference of something else (`->` and `[` are sites of their own)
    const next = toks[i + 2]?.t;
    if (next === '(' || next === '.' || next === '->' || next === '[' || next === '::') return;
    // the stars of `char **p` follow a type, those of `int *a = x, *b = y;` a comma
    let k = i - 1;
    while (k >= fn.from && toks[k].t === '*') k--;
    if (k < i - 1 && binaryAt(toks, k + 1)) return;
    if (toks[k]?.t === ',' && (next === '=' || next === ';' || next === '[')) return;
    const specs = model.operators?.dereference;
    if (specs) report(fn, i, '*', specs, [[i + 1, i + 2]], { keepUntainted: false });
  }

  /** The operator sinks at token `i` (see OperatorSite). */
  function operatorSinks(fn: Fn, i: number): void {
    const ops = model.operators!;
    if (unevaluated[i]) return;
    const tk = toks[i];
    const t = tk.t;
    const site = (s: OperatorSite, name: string, ranges: [number, number][], integer = false) => {
      const specs = ops[s];
      if (specs) report(fn, i, name, specs, ranges, { keepUntainted: false, integer });
    };
    if (t === '/' || t === '%' || t === '/=' || t === '%=') {
      const [a, b] = primaryAfter(toks, i + 1, fn.to);
      if (b > a && !(b - a === 1 && toks[a].kind === 'num')) site('divisor', t, [[a, b]]);
      return;
    }
    if (t === '++' || t === '--') {
      const v = toks[i - 1]?.kind === 'id' && !isMember(i - 1) ? i - 1 : toks[i + 1]?.kind === 'id' ? i + 1 : -1;
      if (v >= 0 && !(v === i + 1 && toks[i + 2]?.t === '.'))
        site(t === '++' ? 'add' : 'subtract', t, [[v, v + 1]], true);
      return;
    }
    if (t === '+=' || t === '-=' || t === '*=') {
      const right = expressionEnd(toks, i + 1, fn.to);
      const v = i - 1;
      if (toks[v]?.kind !== 'id' || isMember(v) || right - (i + 1) !== 1 || toks[i + 1].kind !== 'num') return;
      site(t === '+=' ? 'add' : t === '-=' ? 'subtract' : 'multiply', t, [[v, v + 1]], true);
      return;
    }
    if (t === '*' && !binaryAt(toks, i)) {
      if (model.unaryDereference) unaryDereference(fn, i);
      return;
    }
    if (t === '+' || t === '-' || t === '*') {
      if (!binaryAt(toks, i)) return;
      const [la, lb] = primaryBefore(toks, i - 1, fn.from);
      const [ra, rb] = primaryAfter(toks, i + 1, fn.to);
      if (lb <= la || rb <= ra) return;
      if (t === '+' && concatenates(toks, i, fn.from, fn.to)) return;
      // a variable and a literal, or a variable squared
      const left = unwrap(toks, la, lb);
      const right = unwrap(toks, ra, rb);
      const lv = left[1] - left[0] === 1 && toks[left[0]].kind === 'id' ? toks[left[0]].t : null;
      const rv = right[1] - right[0] === 1 && toks[right[0]].kind === 'id' ? toks[right[0]].t : null;
      const lNum = left[1] - left[0] === 1 && toks[left[0]].kind === 'num';
      const rNum = right[1] - right[0] === 1 && toks[right[0]].kind === 'num';
      let ranges: [number, number][] = [];
      if (lv && (rNum || rv === lv)) ranges = [left];
      else if (rv && lNum && t !== '-') ranges = [right];
      if (!ranges.length) return;
      site(t === '+' ? 'add' : t === '-' ? 'subtract' : 'multiply', t, ranges, true);
      return;
    }
    if (t === '[') {
      const close = matching(toks, i);
      if (close === i + 1 || close >= fn.to) return;
      const prev = toks[i - 1];
      if (!prev || !(prev.kind === 'id' || prev.t === ']' || prev.t === ')')) return;
      if (isAllocation(toks, i, fn.from))
        return site('allocation', `new ${prev.t === ']' ? '' : prev.t}[]`, [[i + 1, close]]);
      site('index', '[]', [[i + 1, close]]);
      if (prev.kind === 'id' && !isMember(i - 1) && fn.locals.has(prev.t)) site('dereference', '[]', [[i - 1, i]]);
      return;
    }
    if ((t === 'for' || t === 'while') && toks[i + 1]?.t === '(') {
      const close = matching(toks, i + 1);
      if (close >= fn.to) return;
      let condFrom = i + 2;
      let condTo = close;
      if (t === 'for') {
        const semis: number[] = [];
        let depth = 0;
        for (let k = i + 2; k < close && semis.length < 2; k++) {
          const s = toks[k].t;
          if (s === '(' || s === '[' || s === '{') depth++;
          else if (s === ')' || s === ']' || s === '}') depth--;
          else if (s === ';' && depth === 0) semis.push(k);
        }
        if (semis.length < 2) return; // for (T x : items)
        [condFrom, condTo] = [semis[0] + 1, semis[1]];
      }
      // a loop that reads input as it goes is bounded by the input
      const bodyEnd = toks[close + 1]?.t === '{' ? matching(toks, close + 1) : expressionEnd(toks, close + 1, fn.to);
      if (inputReadsBetween(condFrom, Math.min(bodyEnd, fn.to))) return;
      const ranges: [number, number][] = [];
      for (let k = condFrom; k < condTo; k++) {
        const c = toks[k].t;
        if (toks[k].kind !== 'op' || !(c === '<' || c === '<=' || c === '>' || c === '>=')) continue;
        ranges.push(operandLeft(toks, k, condFrom), operandRight(toks, k, condTo));
      }
      if (ranges.length) site('loop', t, ranges);
      return;
    }
    if (t === '.' || t === '->') {
      // v.member: v dereferenced
      if (model.memberDereference && !model.memberDereference.has(t)) return;
      const v = i - 1;
      const m = toks[i + 1];
      if (
        toks[v]?.kind !== 'id' ||
        isMember(v) ||
        !m ||
        m.kind !== 'id' ||
        toks[v].t === 'this' ||
        toks[v].t === 'super'
      )
        return;
      if (!fn.locals.has(toks[v].t)) {
        // a field or a class: only a labelled call's result, `getProperty("k").trim()`, is checked
        return;
      }
      site('dereference', t === '->' ? `->${m.t}` : m.t, [[v, v + 1]]);
      return;
    }
    if (t === ')' && toks[i + 1]?.t === '.' && toks[i + 2]?.kind === 'id') {
      // obj.getProperty("k").trim(): the value of a call dereferenced where it is made
      const open = matchingBack(toks, i);
      const callee = open - 1;
      if (callee < fn.from || toks[callee]?.kind !== 'id' || !isMember(callee)) return;
      let start = callee;
      while (start - 2 >= fn.from && isMember(start) && toks[start - 2]?.kind === 'id') start -= 2;
      site('dereference', toks[i + 2].t, [[start, i + 1]]);
    }
  }

  return { sinks, calls, directiveLines: macros.directiveLines };
}

interface Analysis {
  /** Null for input. */
  label: TaintLabel | null;
  /** The line its data in tokens [from, to) came from (one whole value, for copyOnly and must-labels), or null. */
  at: (fn: Fn | null, from: number, to: number) => number | null;
  /** The line a variable got its data, or null. */
  variable: (fn: Fn | null, name: string) => number | null;
  /** Whether some of its data in tokens [from, to) comes from a call, constant or literal there, not a variable. */
  direct: (fn: Fn | null, from: number, to: number) => boolean;
}

interface Reach {
  line: number;
  vars: string[];
  /** Data from a call made right there (no variable a check could cover). */
  direct: boolean;
}

/** The end (exclusive) of the expression starting at `from`: a `;`, or a `,` or closing bracket at its own depth. */
function expressionEnd(toks: readonly Token[], from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const t = toks[i].t;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (t === ';' || t === ',')) return i;
  }
  return limit;
}

/** The end of one `>>` operand. */
function operandEnd(toks: readonly Token[], from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const t = toks[i].t;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (t === ';' || t === ',' || t === '>>')) return i;
  }
  return limit;
}

/** The first variable named in tokens [from, to): `&x`, `(char*)buf + n`, `*p` → x, buf, p. */
function firstVariable(toks: readonly Token[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const t = toks[i];
    if (t.kind !== 'id') continue;
    if (t.t === 'sizeof') return null;
    // a cast's type: `(char *)data`, `(wchar_t*)`; skip identifiers directly inside a cast
    const next = toks[i + 1]?.t;
    if (next === '*' && toks[i + 2]?.t === ')') continue;
    if (next === ')' && toks[i - 1]?.t === '(' && toks[i + 2] && toks[i + 2].kind === 'id') continue;
    if (next === '(' || next === '::') continue;
    return t.t;
  }
  return null;
}

/**
 * When the identifier at `at` is a variable being declared with constructor arguments
 * (`ifstream f(path)`, `std::string s(buf)`), the declared type's name; else null.
 */
function declaredType(toks: readonly Token[], at: number, floor: number): string | null {
  const prev = toks[at - 1];
  if (!prev || at - 1 < floor || prev.kind !== 'id' || NOT_TYPES.has(prev.t) || CONTROL.has(prev.t)) return null;
  const before = toks[at - 2]?.t;
  if (
    before !== undefined &&
    !(before === ';' || before === '{' || before === '}' || before === '::' || before === ')')
  )
    return null;
  return prev.t;
}

/** The functions (and methods) defined in the file, with their parameters and local variables. */
function functions(toks: readonly Token[], model: LanguageModel): Fn[] {
  const out: Fn[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].t !== '{') continue;
    // `name ( params ) [const|override|noexcept|final] [throws X, Y] {`
    let j = i - 1;
    while (j > 0 && ['const', 'override', 'noexcept', 'final'].includes(toks[j].t)) j--;
    if (toks[j]?.kind === 'id') {
      let k = j;
      while (k > 0 && (toks[k].kind === 'id' || toks[k].t === ',' || toks[k].t === '.') && toks[k].t !== 'throws') k--;
      if (toks[k]?.t === 'throws') j = k - 1;
    }
    if (toks[j]?.t !== ')') continue;
    const open = matchingBack(toks, j);
    const nameTok = toks[open - 1];
    if (open < 1 || !nameTok || nameTok.kind !== 'id' || CONTROL.has(nameTok.t) || model.keywords.has(nameTok.t))
      continue;
    const close = matching(toks, i);
    const params: string[] = [];
    const byRef: boolean[] = [];
    const refs: boolean[] = [];
    const types = new Map<string, string>();
    for (const [a, b] of splitArgs(toks, open, j)) {
      let name: string | null = null;
      let type: string | null = null;
      let ref = false;
      let reference = false;
      let primitive = false;
      for (let k = a; k < b; k++) {
        const t = toks[k].t;
        if (t === '=') break;
        if (t === '*' || t === '&' || t === '&&' || t === '[') ref = true;
        if (t === '&' || t === '&&') reference = true;
        if (toks[k].kind === 'id' && toks[k + 1]?.t !== '::') {
          if (name !== null && model.primitives.has(name)) primitive = true;
          type = name;
          name = t;
        }
      }
      if (name === null || name === 'void') continue;
      params.push(name);
      byRef.push(ref || (model.objectsByReference && !primitive));
      refs.push(reference);
      if (type !== null && !ref) types.set(name, type);
    }
    const fn: Fn = { name: nameTok.t, params, byRef, refs, from: i + 1, to: close, locals: new Set(params), types };
    collectLocals(toks, fn);
    out.push(fn);
    i = close; // nested braces belong to this function
  }
  return out;
}

/** Names declared inside a function body: `T x`, `T *x = …`, `T x[10], y`, `std::vector<T> v`, `T[] a`. */
function collectLocals(toks: readonly Token[], fn: Fn): void {
  let i = fn.from;
  while (i < fn.to) {
    // statement start
    let j = i;
    if (toks[j]?.t === 'for' && toks[j + 1]?.t === '(') j += 2;
    while (j < fn.to && TYPE_PREFIX.has(toks[j].t)) j++;
    // `long n;`, `unsigned short s = 0;`, `long *p;`: the last word before the name is the type
    if (
      j > i &&
      SIZE_TYPES.has(toks[j - 1].t) &&
      ((toks[j]?.kind === 'id' && DECLARATOR_END.has(toks[j + 1]?.t ?? '')) || toks[j]?.t === '*' || toks[j]?.t === '&')
    )
      j--;
    const type = toks[j];
    if (type && type.kind === 'id' && !NOT_TYPES.has(type.t) && !CONTROL.has(type.t)) {
      let k = j + 1;
      while (toks[k]?.t === '::' && toks[k + 1]?.kind === 'id') k += 2;
      if (toks[k]?.t === '<') {
        let depth = 0;
        for (; k < fn.to; k++) {
          if (toks[k].t === '<') depth++;
          else if (toks[k].t === '>') depth--;
          else if (toks[k].t === '>>') depth -= 2;
          else if (toks[k].t === ';' || toks[k].t === '{') break;
          if (depth <= 0) break;
        }
        k++;
      }
      while (toks[k]?.t === '[' && toks[k + 1]?.t === ']') k += 2;
      // declarators separated by top-level commas
      for (;;) {
        while (toks[k]?.t === '*' || toks[k]?.t === '&' || toks[k]?.t === '&&' || toks[k]?.t === 'const') k++;
        const name = toks[k];
        const after = toks[k + 1]?.t;
        if (!name || name.kind !== 'id' || !['=', ';', ',', '[', '(', '{', ':', ')'].includes(after ?? '')) break;
        if (after === ')' && toks[j - 1]?.t !== '(') break;
        fn.locals.add(name.t);
        if (!fn.types.has(name.t) && toks[k - 1]?.t !== '*' && toks[k - 1]?.t !== '&')
          fn.types.set(name.t, typeWord(toks, j, k));
        const end = expressionEnd(toks, k + 1, fn.to);
        if (toks[end]?.t !== ',') break;
        k = end + 1;
      }
    }
    // next statement
    while (i < fn.to && toks[i].t !== ';' && toks[i].t !== '{' && toks[i].t !== '}') i++;
    i++;
  }
}

/** Tokens [from, to) without enclosing parentheses and leading casts: `((int) x)` → `x`. */
function unwrap(toks: readonly Token[], from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  for (let n = 0; n < 16 && b - a > 1 && toks[a].t === '('; n++) {
    const close = matching(toks, a);
    if (close === b - 1) {
      a++;
      b--;
      continue;
    }
    if (close < b - 1 && isCast(toks, a, close)) {
      a = close + 1;
      continue;
    }
    break;
  }
  // static_cast<T *>(e) and the other named casts of C++: e
  if (NAMED_CASTS.has(toks[a]?.t) && toks[a + 1]?.t === '<' && toks[b - 1]?.t === ')') {
    const open = skipTypeArguments(toks, a + 1, b);
    if (open > 0 && toks[open]?.t === '(' && matching(toks, open) === b - 1) return unwrap(toks, open + 1, b - 1);
  }
  return [a, b];
}

/** `(int)`, `(java.lang.String)`, `(byte[])`, `(char *)`: a parenthesized type followed by what it converts. */
function isCast(toks: readonly Token[], open: number, close: number): boolean {
  if (close <= open + 1) return false;
  for (let k = open + 1; k < close; k++) {
    const t = toks[k];
    if (t.kind !== 'id' && !['.', '[', ']', '<', '>', '?', ',', '::'].includes(t.t)) {
      // a pointer type's stars, after its name: `(char *)`, `(struct node **)`
      if (t.t !== '*' || k === open + 1) return false;
    }
  }
  const next = toks[close + 1];
  return (
    !!next &&
    (next.kind === 'id' || next.kind === 'num' || next.kind === 'str' || next.kind === 'chr' || next.t === '(')
  );
}

/** Whether the `+`, `-` or `*` at `i` is binary (it follows an operand). */
function binaryAt(toks: readonly Token[], i: number): boolean {
  const prev = toks[i - 1];
  if (!prev) return false;
  if (prev.kind === 'id') return !['return', 'case', 'throw', 'new', 'else', 'do', 'assert', 'yield'].includes(prev.t);
  return prev.kind !== 'op' || prev.t === ')' || prev.t === ']' || prev.t === '++' || prev.t === '--';
}

/** The primary expression that ends at `end` (inclusive): `x`, `a.b(c)[d]`, `(e)`. */
function primaryBefore(toks: readonly Token[], end: number, floor: number): [number, number] {
  let k = end;
  for (let n = 0; n < 256 && k >= floor; n++) {
    const t = toks[k];
    if (t.t === ')' || t.t === ']') {
      const open = matchingBack(toks, k);
      if (open < floor) return [end + 1, end + 1];
      k = open;
      const before = toks[k - 1];
      if (
        before &&
        before.kind === 'id' &&
        k - 1 >= floor &&
        t.t === ')' &&
        !['if', 'while', 'for', 'switch', 'return'].includes(before.t)
      ) {
        k--;
      } else if (t.t === ']' && before && (before.kind === 'id' || before.t === ')' || before.t === ']')) {
        k--;
        continue;
      } else break;
    } else if (t.kind === 'id' || t.kind === 'num' || t.kind === 'str' || t.kind === 'chr') {
      // fall through to the chain check below
    } else return [end + 1, end + 1];
    if ((toks[k - 1]?.t === '.' || toks[k - 1]?.t === '->') && k - 2 >= floor) {
      k -= 2;
      continue;
    }
    break;
  }
  return [Math.max(k, floor), end + 1];
}

/** The primary expression that starts at `start`: a cast or unary sign skipped, `x`, `a.b(c)[d]`, `(e)`. */
function primaryAfter(toks: readonly Token[], start: number, limit: number): [number, number] {
  let a = start;
  for (let n = 0; n < 16 && a < limit; n++) {
    if (toks[a].t === '-' || toks[a].t === '+') {
      a++;
      continue;
    }
    if (toks[a].t === '(') {
      const close = matching(toks, a);
      if (close < limit && isCast(toks, a, close)) {
        a = close + 1;
        continue;
      }
    }
    break;
  }
  if (a >= limit) return [a, a];
  let k = a;
  const first = toks[k];
  if (first.t === '(') k = matching(toks, k) + 1;
  else if (first.kind === 'id' || first.kind === 'num' || first.kind === 'str' || first.kind === 'chr') k++;
  else return [a, a];
  for (let n = 0; n < 256 && k < limit; n++) {
    const t = toks[k].t;
    if (t === '(' || t === '[') k = matching(toks, k) + 1;
    else if ((t === '.' || t === '->') && toks[k + 1]?.kind === 'id') k += 2;
    else break;
  }
  return [a, Math.min(k, limit)];
}

/** Whether the `+` at `i` joins strings: a string literal in its chain of operands at its own depth. */
function concatenates(toks: readonly Token[], i: number, from: number, to: number): boolean {
  const stops = new Set([
    ',',
    ';',
    '=',
    '{',
    '}',
    '?',
    ':',
    'return',
    '&&',
    '||',
    '==',
    '!=',
    '<',
    '>',
    '<=',
    '>=',
    '+=',
  ]);
  for (const dir of [-1, 1]) {
    let depth = 0;
    for (let k = i + dir, n = 0; k >= from && k < to && n < 2048; k += dir, n++) {
      const t = toks[k];
      if (t.t === '(' || t.t === '[') {
        if (dir > 0) depth++;
        else if (depth-- === 0) break;
      } else if (t.t === ')' || t.t === ']') {
        if (dir < 0) depth++;
        else if (depth-- === 0) break;
      } else if (depth === 0 && (stops.has(t.t) || (t.kind === 'id' && t.t === 'return'))) break;
      else if (depth === 0 && t.kind === 'str') return true;
    }
  }
  return false;
}

/** Whether the `[` at `i` sizes an array being created: `new T[n]`, `new T[a][n]`. */
function isAllocation(toks: readonly Token[], i: number, floor: number): boolean {
  let k = i - 1;
  for (let n = 0; n < 64 && k >= floor && toks[k].t === ']'; n++) k = matchingBack(toks, k) - 1;
  for (let n = 0; n < 64 && k - 2 >= floor && toks[k].kind === 'id' && toks[k - 1]?.t === '.'; n++) k -= 2;
  return toks[k]?.kind === 'id' && toks[k - 1]?.t === 'new';
}

/** The operand left of the comparison at `p`, within [floor, p). */
function operandLeft(toks: readonly Token[], p: number, floor: number): [number, number] {
  let depth = 0;
  let k = p - 1;
  for (; k >= floor; k--) {
    const t = toks[k].t;
    if (t === ')' || t === ']') depth++;
    else if (t === '(' || t === '[') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (t === '&&' || t === '||' || t === ',' || t === '!' || t === '?' || t === ':')) break;
  }
  return [k + 1, p];
}

/** The operand right of the comparison at `p`, within (p, ceil). */
function operandRight(toks: readonly Token[], p: number, ceil: number): [number, number] {
  let depth = 0;
  let k = p + 1;
  for (; k < ceil; k++) {
    const t = toks[k].t;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (t === '&&' || t === '||' || t === ',' || t === '?' || t === ':')) break;
  }
  return [p + 1, k];
}

/** `new Map<K, List<V>>(`: the index of the `(` after the type arguments starting at `open` (`<`), or -1. */
function skipTypeArguments(toks: readonly Token[], open: number, limit: number): number {
  let depth = 0;
  for (let k = open; k < limit && k < open + 256; k++) {
    const t = toks[k].t;
    if (t === '<') depth++;
    else if (t === '>') depth--;
    else if (t === '>>') depth -= 2;
    else if (!TYPE_ARGUMENT_TOKENS.has(t) && toks[k].kind !== 'id') return -1;
    if (depth <= 0) return k + 1;
  }
  return -1;
}

/** Whether a token is the null literal of a 'null' label (`null`; in C and C++ `NULL`, `nullptr`). */
function nullLiteral(label: TaintLabel, t: string): boolean {
  return label.nulls ? label.nulls.has(t) : t === 'null';
}

/** A numeric literal of value zero: `0`, `0L`, `0.0f`, `0x0`. */
function isZero(text: string): boolean {
  const t = text.split('_').join('');
  if (t.length > 40) return false;
  if (t.startsWith('0x') || t.startsWith('0X')) {
    const digits = t.slice(2).replace(/[lL]$/, '');
    return digits.length > 0 && /^0+$/.test(digits);
  }
  const body = t.replace(/[lLfFdD]$/, '');
  return body.length > 0 && /^[0-9.eE+-]+$/.test(body) && Number(body) === 0;
}

/** Whether a source has any token a label starts from (else it is not followed at all). */
function labelPresent(toks: readonly Token[], label: TaintLabel): boolean {
  for (const t of toks) {
    if (label.fields?.has(t.t) || label.constructors?.has(t.t)) return true;
    if (label.methods && own(label.methods, t.t) !== undefined) return true;
    if (label.functions?.has(t.t)) return true;
    if (label.literals && t.kind === 'str' && t.t.length > 2) return true;
    if (label.only === 'null' && nullLiteral(label, t.t)) return true;
    if (label.only === 'zero' && t.kind === 'num' && isZero(t.t)) return true;
    if (label.only === 'extreme' && label.fields?.has(t.t)) return true;
  }
  return false;
}

/** The type of a declaration from `from` to its name at `name`: its last word before any type arguments or brackets. */
function typeWord(toks: readonly Token[], from: number, name: number): string {
  let word = toks[from].t;
  for (let k = from; k < name; k++) {
    const t = toks[k];
    if (t.t === '<' || t.t === '[') break;
    if (t.kind === 'id') word = t.t;
  }
  return word;
}
