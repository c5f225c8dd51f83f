import type { LanguageId } from '@bastion/contracts';
import { pointersBeforeStart } from './dataflow/before-start';
import { C_MODEL } from './dataflow/c';
import { dataflow, DataflowResult, LanguageModel, own, SinkCall, SinkKind } from './dataflow/engine';
import { JAVA_MODEL } from './dataflow/java';
import type { CweId } from './cwe';
import { defaultFixHint } from './cwe';
import { dataflowEvidence, DataflowEvidence, Finding, SEVERITY_RANK } from './findings';

/**
 * Severity from evidence. A finding that makes a submission `vulnerable` (high or critical) needs
 * evidence that untrusted data reaches the weakness:
 * - a sanitizer or hardening report on a test input (those findings come from running the program);
 * - a dataflow path from an input source to the sink, found here in the source;
 * - or an API that is unsafe whatever the data (gets, scanf("%s")), which the rules report as such.
 * A pattern rule's hit on a risky call that no input reaches (strcpy of a literal, system("ls"),
 * printf(fmt) with a format the program built itself) becomes a low note with its fix hint.
 */

const MODELS: Partial<Record<LanguageId, LanguageModel>> = { c: C_MODEL, cpp: C_MODEL, java: JAVA_MODEL };

/** Tools that report what a run of the program did: their findings are evidence in themselves. */
const DYNAMIC_TOOLS = new Set([
  'asan',
  'ubsan',
  'int-check',
  'uninit-check',
  'jvm',
  'lsan',
  'hardened-build',
  'attack-test',
  'bastion',
  'dataflow',
]);

/** Which sink family a pattern finding's CWE belongs to. */
const FAMILY_OF: Readonly<Record<string, SinkKind>> = {
  'CWE-78': 'command',
  'CWE-77': 'command',
  'CWE-88': 'command',
  'CWE-134': 'format',
  'CWE-120': 'copy',
  'CWE-119': 'copy',
  'CWE-787': 'copy',
  'CWE-22': 'path',
  'CWE-23': 'path',
  'CWE-36': 'path',
  'CWE-73': 'path',
  'CWE-89': 'sql',
  'CWE-564': 'sql',
  'CWE-95': 'code',
  'CWE-94': 'code',
  'CWE-502': 'deserialization',
};

/**
 * Input sized, counted or divided by without a check is a proven flow, but a judged program's input
 * is bounded by the problem's constraints, so on its own it costs points without failing the
 * submission; a test input that does overrun shows as that test's runtime error (and, in C/C++,
 * as a sanitizer report, which is high). Injection sinks and credentials are high: no constraint
 * makes input safe as a command, SQL or a format, or a password in the source secret.
 */
const UNCHECKED_ARITHMETIC: ReadonlySet<SinkKind> = new Set([
  'divide',
  'overflow',
  'index',
  'allocation',
  'loop',
  'resource',
]);

/**
 * Labels whose value is the weakness whatever the input: a variable only ever set to constants, one
 * of them MAX_VALUE (MIN_VALUE), incremented, multiplied or used as a size or count; a variable only
 * ever zero used as a divisor. No problem constraint bounds them, so they are high like an injection.
 */
const CERTAIN_LABELS: ReadonlySet<string> = new Set(['always-max', 'always-min', 'zero']);

const severityOf = (s: SinkCall) =>
  UNCHECKED_ARITHMETIC.has(s.kind) && !(s.label && CERTAIN_LABELS.has(s.label))
    ? ('medium' as const)
    : ('high' as const);

const WHAT: Readonly<Record<SinkKind, { rule: string; what: string; fix: string }>> = {
  command: {
    rule: 'command-injection',
    what: 'runs a command built from it',
    fix: 'Do not pass input to a shell; run a fixed program with a checked argument list.',
  },
  format: {
    rule: 'format-string',
    what: 'uses it as a format string',
    fix: 'Use a literal format and pass the input as an argument: printf("%s", s).',
  },
  copy: {
    rule: 'unbounded-copy',
    what: 'copies it without a bound',
    fix: 'Bound the copy by the size of the destination (snprintf, strncpy with a terminator).',
  },
  path: {
    rule: 'path-traversal',
    what: 'opens a file by a path built from it',
    fix: 'Resolve the path and check it stays inside the intended directory; reject "..".',
  },
  sql: {
    rule: 'sql-injection',
    what: 'runs SQL built from it',
    fix: 'Use a prepared statement with placeholders for the input.',
  },
  code: {
    rule: 'code-injection',
    what: 'evaluates it as code',
    fix: 'Never evaluate input as code; parse the data instead.',
  },
  deserialization: {
    rule: 'unsafe-deserialization',
    what: 'deserializes objects from it',
    fix: 'Deserialize untrusted data only into plain data (JSON) or with a class allow-list.',
  },
  divide: {
    rule: 'divide-by-zero',
    what: 'divides by it with no check that it is not zero',
    fix: 'Check the divisor is not zero (for floating point, not near zero) before dividing.',
  },
  overflow: {
    rule: 'integer-overflow',
    what: 'does arithmetic on it that can wrap around, with no range check',
    fix: "Check the value against the type's limits before the arithmetic (or use Math.addExact / multiplyExact).",
  },
  index: {
    rule: 'array-index',
    what: 'indexes an array with it, with no check of both bounds',
    fix: 'Check 0 <= index < array.length before indexing.',
  },
  allocation: {
    rule: 'allocation-size',
    what: 'sizes an allocation with it, with no limit',
    fix: 'Check the size against a sensible maximum before allocating.',
  },
  loop: {
    rule: 'loop-bound',
    what: 'bounds a loop with it, with no limit',
    fix: 'Check the count against a sensible maximum before the loop.',
  },
  resource: {
    rule: 'resource-consumption',
    what: 'spends time or resources by it, with no limit',
    fix: 'Check the amount against a sensible maximum before using it.',
  },
  null: {
    rule: 'null-dereference',
    what: 'dereferences it with no null check',
    fix: 'Check the value for null before using it (in C and C++, what malloc, calloc, realloc, strdup or fopen returned: if (p == NULL) handle the failure), or give a default: getProperty(key, default).',
  },
  credential: {
    rule: 'hard-coded-credential',
    what: 'uses it as a key or password',
    fix: 'Keep keys and passwords out of the source: read them from the environment, a key store or a secret manager.',
  },
  'stored-password': {
    rule: 'plaintext-password',
    what: 'uses it as a password as it was stored, in plain text',
    fix: 'Store the password encrypted (with a key kept elsewhere) and decrypt it before use, or use a secret store.',
  },
  cleartext: {
    rule: 'cleartext-transmission',
    what: 'sends or takes a password over a connection without TLS',
    fix: 'Send secrets only over TLS (SSLSocketFactory, HTTPS).',
  },
};

/** How a message names a sink: `strcpy()`, the operator `/`. */
const sinkName = (s: SinkCall) =>
  /^[A-Za-z_$][\w$]*$/.test(s.name) && s.kind !== 'loop' ? `${s.name}()` : `\`${s.name}\``;

/** The dataflow analysis of a source, or null for a language without a model (or a source too large). */
export function sourceDataflow(language: LanguageId, source: string): DataflowResult | null {
  const model = MODELS[language];
  if (!model) return null;
  try {
    return dataflow(source, model);
  } catch {
    return null; // never let an odd source fail the judging: the findings stay as the tools gave them
  }
}

/** A sink's path as evidence: the line its input was read (or its value set), then the sink's. */
function sinkEvidence(s: SinkCall): DataflowEvidence {
  return dataflowEvidence({ line: s.sourceLine, what: s.origin ? 'origin' : 'input' }, { line: s.line, what: 'sink' });
}

/** A finding per sink that input (or a label's data: `s.origin`) reaches, with the line it was read or set. */
export function dataflowFindings(flow: DataflowResult, file: string): Finding[] {
  return flow.sinks
    .filter((s) => s.tainted)
    .map((s: SinkCall) => ({
      tool: 'dataflow',
      ruleId: `dataflow.${WHAT[s.kind].rule}`,
      cwe: s.cwe as CweId,
      severity: severityOf(s),
      file,
      line: s.line,
      column: s.column,
      message: `${s.origin ?? 'Input'} ${s.sourceLine ? `${s.origin ? 'from' : 'read on'} line ${s.sourceLine} ` : ''}reaches ${sinkName(s)}, which ${WHAT[s.kind].what}`,
      fixHint: WHAT[s.kind].fix || defaultFixHint(s.cwe),
      evidence: sinkEvidence(s),
    }));
}

/** Functions that make a temporary file's name without creating it (the name can be taken first). */
const TEMP_NAMERS = new Set([
  'tmpnam',
  'tmpnam_r',
  'tempnam',
  'mktemp',
  '_mktemp',
  '_wmktemp',
  '_wtmpnam',
  '_tempnam',
  '_wtempnam',
]);
const OPENERS: Readonly<Record<string, number>> = { open: 1, _open: 1, _wopen: 1, open64: 1, openat: 2 };

/**
 * C/C++: a program that makes temporary names (tmpnam, mktemp, …) and creates a file without
 * O_EXCL (or `fopen` without "x", or creat) lets another process plant the file between the two:
 * CWE-377 at the creation, high (the API pair is unsafe whatever the data). With O_EXCL everywhere,
 * the analyzers' hits on the naming call are notes.
 */
function tempFiles(findings: Finding[], flow: DataflowResult, file: string): Finding[] {
  if (!flow.calls.some((c) => TEMP_NAMERS.has(c.name))) return findings;
  const text = (toks: { t: string }[] | undefined) => (toks ?? []).map((t) => t.t).join(' ');
  const unsafe = flow.calls.filter((c) => {
    const flagsAt = own(OPENERS, c.name);
    if (flagsAt !== undefined) {
      const flags = text(c.args[flagsAt]);
      return /\b_?O_CREAT\b/.test(flags) && !/\b_?O_EXCL\b/.test(flags);
    }
    if (c.name === 'creat') return true;
    if (c.name === 'fopen' || c.name === '_wfopen' || c.name === 'fopen64') {
      const mode = text(c.args[1]);
      return /^L?"[wa]/.test(mode) && !mode.includes('x');
    }
    return false;
  });
  const namer = flow.calls.find((c) => TEMP_NAMERS.has(c.name));
  const graded = findings.map((f) =>
    f.cwe === 'CWE-377' && !unsafe.length && SEVERITY_RANK[f.severity] > SEVERITY_RANK.low
      ? noInput(f, 'every file is created with O_EXCL')
      : f,
  );
  return [
    ...graded,
    ...unsafe.map((c) => ({
      tool: 'dataflow',
      ruleId: 'dataflow.insecure-temp-file',
      cwe: 'CWE-377' as CweId,
      severity: 'high' as const,
      file,
      line: c.line,
      column: c.column,
      message: `${c.name}() creates a file without O_EXCL in a program that makes temporary names: another process can create it first`,
      fixHint: 'Create temporary files with mkstemp() or tmpfile(), or open the name with O_CREAT | O_EXCL.',
      evidence: dataflowEvidence({ line: namer?.line ?? 0, what: 'temp-name' }, { line: c.line, what: 'create' }),
    })),
  ];
}

/** scanf-family format arguments that read a string without a width: `%s`, `%ls`, `%[...]`. */
const UNBOUNDED_SCAN = /%(l|ll|h)?(s|S|\[)/;
const SCANF_FORMAT_ARG: Readonly<Record<string, number>> = {
  scanf: 0,
  wscanf: 0,
  vscanf: 0,
  fscanf: 1,
  fwscanf: 1,
  vfscanf: 1,
  sscanf: 1,
  swscanf: 1,
  vsscanf: 1,
};

/**
 * Each finding's severity weighed by the evidence (see above); findings on preprocessor lines
 * (`#define POPEN popen`) go: the call the macro names is judged where it is made.
 */
export function gradeByEvidence(findings: readonly Finding[], flow: DataflowResult | null): Finding[] {
  if (!flow) return [...findings];
  const out: Finding[] = [];
  for (const f of findings) {
    const tools = f.tool.split('+');
    if (tools.some((t) => DYNAMIC_TOOLS.has(t))) {
      out.push(f);
      continue;
    }
    if (flow.directiveLines.has(f.line)) continue;
    if (SEVERITY_RANK[f.severity] <= SEVERITY_RANK.low) {
      out.push(f);
      continue;
    }
    // flawfinder reads any scanf as unbounded (`"%" SCNd64` too): only a %s or %[ without a width is.
    const scan = flow.calls.find((c) => c.line === f.line && own(SCANF_FORMAT_ARG, c.name) !== undefined);
    if (scan && f.cwe === 'CWE-120') {
      const fmt = scan.args[own(SCANF_FORMAT_ARG, scan.name) ?? 0] ?? [];
      const literal = fmt.filter((t) => t.kind === 'str').map((t) => t.t);
      if (literal.length && !literal.some((s) => UNBOUNDED_SCAN.test(s))) {
        out.push(noInput(f, 'the format reads no unbounded string'));
        continue;
      }
    }
    const family = own(FAMILY_OF, f.cwe);
    const here = family ? flow.sinks.filter((s) => s.line === f.line && s.kind === family) : [];
    if (here.length && here.every((s) => !s.tainted)) out.push(noInput(f, 'no input reaches it'));
    else {
      // a pattern hit that input does reach: the path is its evidence
      const reached = here.find((s) => s.tainted);
      out.push(reached && !f.evidence ? { ...f, evidence: sinkEvidence(reached) } : f);
    }
  }
  return out;
}

function noInput(f: Finding, why: string): Finding {
  return { ...f, severity: 'low', message: `${f.message} (${why}: a note, not a vulnerability)` };
}

/** gradeByEvidence plus the dataflow findings, for a submission's source. */
export function withEvidence(
  findings: readonly Finding[],
  language: LanguageId,
  source: string,
  file: string,
): Finding[] {
  const flow = sourceDataflow(language, source);
  if (!flow) return [...findings];
  const graded = [...gradeByEvidence(findings, flow), ...dataflowFindings(flow, file)];
  return language === 'c' || language === 'cpp'
    ? [...tempFiles(graded, flow, file), ...beforeStartFindings(source, file)]
    : graded;
}

/** Pointers formed before the start of an array or allocation (see before-start.ts): high, whatever the data. */
function beforeStartFindings(source: string, file: string): Finding[] {
  return pointersBeforeStart(source).map((p) => ({
    tool: 'dataflow',
    ruleId: 'dataflow.pointer-before-start',
    cwe: 'CWE-786' as CweId,
    severity: 'high' as const,
    file,
    line: p.line,
    column: p.column,
    message: `\`${p.name} - ${p.offset}\` points before the start of \`${p.name}\`: undefined behaviour, and whatever is read or written through it lies outside the buffer`,
    fixHint:
      'Keep pointers within the buffer: start at its first element and check an offset is not negative before using it.',
    evidence: dataflowEvidence({ line: p.line, what: 'pointer' }),
  }));
}
