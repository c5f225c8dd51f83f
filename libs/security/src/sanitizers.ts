import type { CweId } from './cwe';
import { Finding, joinTools, runEvidence, Severity } from './findings';

interface Kind {
  cwe: CweId;
  severity: Severity;
  what: string;
  fixHint: string;
}

const BOUNDS = 'Check every index and length against the size of the buffer before you write or read.';

/** AddressSanitizer report kinds (`ERROR: AddressSanitizer: <kind>`); WRITE/READ refine overflows. */
function asanKind(kind: string, access: 'READ' | 'WRITE' | null, address: string): Kind {
  if (/buffer-overflow$/.test(kind)) {
    const where = kind.replace(/-buffer-overflow$/, '');
    const cwe: CweId =
      access === 'READ' ? 'CWE-125' : where === 'stack' ? 'CWE-121' : where === 'heap' ? 'CWE-122' : 'CWE-787';
    return {
      cwe,
      severity: access === 'READ' ? 'high' : 'critical',
      what: `${where} buffer overflow (${access === 'READ' ? 'out-of-bounds read' : 'out-of-bounds write'})`,
      fixHint: BOUNDS,
    };
  }
  switch (kind) {
    case 'heap-use-after-free':
      return {
        cwe: 'CWE-416',
        severity: 'critical',
        what: 'use after free',
        fixHint: 'Do not touch memory after free(); set the pointer to NULL when you free it.',
      };
    case 'attempting free on address which was not malloc()-ed':
    case 'bad-free':
      return {
        cwe: 'CWE-590',
        severity: 'critical',
        what: 'free of memory that malloc() did not return',
        fixHint: 'Free only what malloc(), calloc() or realloc() returned, and only once.',
      };
    case 'attempting double-free':
    case 'double-free':
      return {
        cwe: 'CWE-415',
        severity: 'critical',
        what: 'double free',
        fixHint: 'Free each allocation exactly once; set the pointer to NULL after free().',
      };
    case 'stack-use-after-return':
    case 'stack-use-after-scope':
      return {
        cwe: 'CWE-562',
        severity: 'high',
        what: 'use of a stack variable out of its scope',
        fixHint: 'Never keep a pointer to a local variable beyond its scope.',
      };
    case 'alloc-dealloc-mismatch':
      return {
        cwe: 'CWE-762',
        severity: 'high',
        what: 'mismatched allocation and deallocation',
        fixHint: 'Pair malloc/free and new/delete, new[]/delete[].',
      };
    case 'stack-overflow':
      return {
        cwe: 'CWE-674',
        severity: 'high',
        what: 'stack overflow (runaway recursion)',
        fixHint: 'Bound the recursion depth or make it iterative.',
      };
    case 'SEGV':
      return /^0x0+(\d{1,4})?$/.test(address)
        ? {
            cwe: 'CWE-476',
            severity: 'high',
            what: 'null pointer dereference',
            fixHint: 'Check pointers (and allocation results) for NULL before use.',
          }
        : { cwe: 'CWE-119', severity: 'high', what: 'invalid memory access', fixHint: BOUNDS };
    case 'allocation-size-too-big':
    case 'requested allocation size exceeds maximum supported size':
    case 'out-of-memory':
      return {
        cwe: 'CWE-789',
        severity: 'high',
        what: 'allocation of an excessive size',
        fixHint: 'Check a size read from input against a sensible maximum before allocating.',
      };
    case 'bad-array-new-length':
      return {
        cwe: 'CWE-789',
        severity: 'high',
        what: 'array allocation of a negative or overflowing length',
        fixHint: 'Check a length read from input (not negative, within a sensible maximum) before new[].',
      };
    case 'calloc-overflow':
      return {
        cwe: 'CWE-190',
        severity: 'high',
        what: 'allocation size overflow',
        fixHint: 'Check count × size for overflow before allocating.',
      };
    default:
      return { cwe: 'CWE-119', severity: 'high', what: kind, fixHint: BOUNDS };
  }
}

/**
 * The integer checks' reports (integer-checks.ts, judge-images/runner/intcheck.h), in UBSan's
 * shape with `bastion-int:` first; null for anything else. A value a test drove out of its type's
 * range: seen happening, so high.
 */
function intCheckKind(message: string): Kind | null {
  if (!message.startsWith('bastion-int: ')) return null;
  if (/\(integer underflow\)$/.test(message))
    return {
      cwe: 'CWE-191',
      severity: 'high',
      what: 'integer underflow',
      fixHint:
        'Check that the result stays within the type before the arithmetic (an unsigned value cannot go below 0).',
    };
  if (/\(integer overflow\)$/.test(message))
    return {
      cwe: 'CWE-190',
      severity: 'high',
      what: 'integer overflow',
      fixHint: 'Check the range before the arithmetic, or store the result in a wider type.',
    };
  if (/\(numeric truncation\)$/.test(message))
    return {
      cwe: 'CWE-197',
      severity: 'high',
      what: 'numeric truncation',
      fixHint: 'Check that the value fits in the narrower type before converting it.',
    };
  return null;
}

/**
 * Whether a faulting address is made of the test's input: at least 4 of its bytes (the low ones,
 * as memory holds them, little-endian) appear in the input in that order — a pointer the input's
 * bytes overwrote, as in a write-what-where (0x41414141 after 600 × `A`).
 */
export function addressFromInput(address: string, input: Buffer | undefined): boolean {
  if (!input?.length || !/^0x[0-9a-f]{8,16}$/i.test(address)) return false;
  const hex = address.slice(2).padStart(16, '0');
  const bytes = Buffer.from(hex, 'hex').reverse(); // little-endian: as the pointer lay in memory
  let n = bytes.length;
  while (n > 0 && bytes[n - 1] === 0) n--; // the high zero bytes of a user-space pointer
  return n >= 4 && input.includes(bytes.subarray(0, n));
}

/** UndefinedBehaviorSanitizer `runtime error:` messages; `input`, the run's, tells a pointer made of it. */
function ubsanKind(message: string, input?: Buffer): Kind {
  const misaligned = /^(load of|store to|member access within) misaligned address (0x[0-9a-f]+)/.exec(message);
  if (misaligned && addressFromInput(misaligned[2], input)) {
    return misaligned[1] === 'load of'
      ? {
          cwe: 'CWE-822',
          severity: 'high',
          what: 'a pointer made of input bytes was read through',
          fixHint: 'Keep input out of pointers: bound every copy into a buffer that sits next to pointers or a struct.',
        }
      : {
          cwe: 'CWE-123',
          severity: 'critical',
          what: 'a pointer made of input bytes was written through (write-what-where)',
          fixHint: 'Keep input out of pointers: bound every copy into a buffer that sits next to pointers or a struct.',
        };
  }
  // `signed integer overflow: …`, `negation of -2147483648 cannot be represented in type 'int'`,
  // `division of -2147483648 by -1 cannot be represented …`: all one arithmetic gone out of range.
  if (/integer overflow|cannot be represented/.test(message)) {
    return {
      cwe: 'CWE-190',
      severity: 'high',
      what: 'integer overflow',
      fixHint: 'Check the range before the arithmetic, or use a wider type.',
    };
  }
  if (/null pointer/.test(message)) {
    return {
      cwe: 'CWE-476',
      severity: 'high',
      what: 'null pointer dereference',
      fixHint: 'Check pointers for NULL before use.',
    };
  }
  if (/out of bounds/.test(message)) {
    return { cwe: 'CWE-129', severity: 'high', what: 'array index out of bounds', fixHint: BOUNDS };
  }
  if (/insufficient space/.test(message)) {
    return /^load/.test(message)
      ? { cwe: 'CWE-125', severity: 'high', what: 'out-of-bounds read', fixHint: BOUNDS }
      : { cwe: 'CWE-787', severity: 'critical', what: 'out-of-bounds write', fixHint: BOUNDS };
  }
  if (/division by zero/.test(message)) {
    return {
      cwe: 'CWE-369',
      severity: 'high',
      what: 'division by zero',
      fixHint: 'Check the divisor before dividing.',
    };
  }
  return {
    cwe: 'CWE-758',
    severity: 'high',
    what: 'undefined behavior',
    fixHint: 'Rewrite the expression so that its behavior is defined for every input.',
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The AddressSanitizer report kinds Bastion names (`ERROR: AddressSanitizer: <kind>`). A report is
 * the judged program's own stderr, so a program can print one in any shape it likes, with hidden
 * test data in it: only a kind from this list is kept, anything else is an unnamed memory error.
 */
const ASAN_KINDS: readonly string[] = [
  ...['heap', 'stack', 'global', 'dynamic-stack', 'container', 'intra-object', 'unknown'].map(
    (w) => `${w}-buffer-overflow`,
  ),
  'stack-buffer-underflow',
  'heap-use-after-free',
  'attempting double-free',
  'double-free',
  'stack-use-after-return',
  'stack-use-after-scope',
  'alloc-dealloc-mismatch',
  'stack-overflow',
  'SEGV',
  'use-after-poison',
  'memcpy-param-overlap',
  'strcpy-param-overlap',
  'strncpy-param-overlap',
  'strcat-param-overlap',
  'negative-size-param',
  'calloc-overflow',
  'allocation-size-too-big',
  'requested allocation size exceeds maximum supported size',
  'out-of-memory',
  'attempting free on address which was not malloc()-ed',
  'bad-free',
  'unknown-crash',
  'BUS',
  'FPE',
  'ILL',
  'ABRT',
  'initialization-order-fiasco',
  'odr-violation',
];

/**
 * The known kind of a report: the one its headline starts with (ASan follows it with an address,
 * ` in thread T0`, …), with numbers and parentheses taken out (`requested allocation size 0x… (0x…
 * after adjustments…) exceeds maximum supported size of 0x…`), else the one its `SUMMARY:` line names
 * (`allocation-size-too-big`).
 */
function asanKindOf(headline: string, report: string): string {
  const known = (text: string) => {
    const h = text.trim();
    return ASAN_KINDS.find((k) => h === k || h.startsWith(`${k} `) || h.startsWith(`${k}:`));
  };
  const bare = headline.replace(/\([^()]*\)/g, ' ').replace(/\b(?:0x[0-9a-f]+|\d+)\b/gi, ' ');
  const summary = /^SUMMARY: AddressSanitizer: (\S+)/m.exec(report)?.[1];
  return known(headline) ?? known(bare.replace(/\s+/g, ' ').replace(/ of$/, '')) ?? known(summary ?? '') ?? 'unknown';
}

/**
 * Findings from what a sanitizer-instrumented run printed on stderr: AddressSanitizer,
 * LeakSanitizer and UndefinedBehaviorSanitizer reports, located at the first frame in the source.
 *
 * What the program printed is untrusted: it may imitate a report to carry a hidden test's input out
 * in a finding. A finding keeps only what the report's structure proves: the kind (from a fixed
 * vocabulary), its CWE, and a line and column of the source (within its `sourceLines`, else 0).
 * Nothing the program wrote is copied into a rule id, a message or the evidence (the run's test
 * name, as the judge gave it). The build stops at its first
 * error (`-fno-sanitize-recover=all`, `halt_on_error`), so one run yields at most one ASan or UBSan
 * report and one leak report; any further "reports" are the program's own text and are ignored.
 * `input`, the run's own, tells a faulting pointer made of its bytes (addressFromInput).
 */
export function parseSanitizer(
  stderr: string,
  sourceFile: string,
  test: string,
  sourceLines: number,
  input?: Buffer,
): Finding[] {
  const frame = new RegExp(`^\\s+#\\d+ 0x[0-9a-f]+ in (\\S+) (?:/box/)?${escape(sourceFile)}:(\\d+)(?::(\\d+))?`, 'm');
  const lineOf = (n: string | undefined): number => {
    const v = Number(n ?? 0);
    return Number.isSafeInteger(v) && v >= 1 && v <= sourceLines ? v : 0;
  };
  const columnOf = (line: number, n: string | undefined): number => {
    const v = Number(n ?? 0);
    return line > 0 && Number.isSafeInteger(v) && v >= 1 && v <= 4096 ? v : 0;
  };
  const make = (k: Kind, tool: string, rule: string, line: number, column: number, detail: string): Finding => ({
    tool,
    ruleId: `${tool}.${rule}`,
    cwe: k.cwe,
    severity: k.severity,
    file: sourceFile,
    line,
    column,
    message: `${k.what} on test ${test}${detail ? `: ${detail}` : ''}`,
    fixHint: k.fixHint,
    // the test that was run, by the judge's own name for it: nothing of the report goes in
    evidence: runEvidence(test),
  });
  const found: Finding[] = [];

  const asan = /ERROR: AddressSanitizer: (.+?)(?: on (?:unknown )?address (0x[0-9a-f]{1,16}))?(?: at pc| \(|$)/m.exec(
    stderr,
  );
  const kindOf = asan && asanKindOf(asan[1], stderr.slice(asan.index));
  // An abort (ASan reports one with handle_abort=1, for its stack) is a finding only for what it
  // proves: C++'s `new T[n]` refusing a negative or overflowing n, a length input controlled.
  // Any other abort (a failed assert, another uncaught exception) is the test's runtime error only.
  const arrayLength =
    kindOf === 'ABRT' &&
    /^terminate called after throwing an instance of 'std::bad_array_new_length'$/m.test(stderr.slice(0, asan!.index));
  if (asan && (kindOf !== 'ABRT' || arrayLength)) {
    const rest = stderr.slice(asan.index);
    const access = /^(READ|WRITE) of size/m.exec(rest)?.[1] as 'READ' | 'WRITE' | undefined;
    const at = frame.exec(rest);
    const kind = arrayLength ? 'bad-array-new-length' : kindOf!;
    const line = lineOf(at?.[2]);
    found.push(
      make(
        kind === 'unknown'
          ? { cwe: 'CWE-119', severity: 'high', what: 'memory error', fixHint: BOUNDS }
          : asanKind(kind, access ?? null, asan[2] ?? ''),
        'asan',
        kind.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, ''),
        line,
        columnOf(line, at?.[3]),
        line
          ? ''
          : /nested bug/.test(rest)
            ? 'the overflow wrecked the stack, so the report names no line (look where input is read into a fixed buffer)'
            : 'the report names no line of the source',
      ),
    );
  }

  const leak = /ERROR: LeakSanitizer: detected memory leaks/.exec(stderr);
  if (leak) {
    const at = frame.exec(stderr.slice(leak.index));
    // The check runs as main() is about to return, from inside its frame (the replay harness,
    // judge-images/runner/replay.c): what main's variables still hold is not reported, so a report
    // is memory nothing referenced any more while the program ran. Proven, and graded as such:
    // high (a problem where leaks do not matter disables the rule `lsan.leak` in its policy).
    const k: Kind = {
      cwe: 'CWE-401',
      severity: 'high',
      what: at?.[1] === 'main' ? 'memory main() lost while the program ran' : 'memory leak',
      fixHint: 'free() what you malloc() once you no longer need it, before the last pointer to it goes.',
    };
    const line = lineOf(at?.[2]);
    found.push(make(k, 'lsan', 'leak', line, columnOf(line, at?.[3]), ''));
  }

  // One UBSan report: the first (the build halts on it), its kind told by a fixed vocabulary.
  const ub = new RegExp(`^(?:/box/)?${escape(sourceFile)}:(\\d+):(\\d+): runtime error: (.*)$`, 'm').exec(stderr);
  if (ub) {
    const ours = intCheckKind(ub[3]);
    const k = ours ?? ubsanKind(ub[3], input);
    const line = lineOf(ub[1]);
    found.push(
      make(
        k,
        ub[3].startsWith('bastion-int: ') ? 'int-check' : 'ubsan',
        k.what.replace(/\s+/g, '-'),
        line,
        columnOf(line, ub[2]),
        '',
      ),
    );
  }

  // The harness's note (replay.c), after all the run wrote: its output held, as a whole number, a
  // value only memory nothing wrote has in this build (0xFE stack bytes, 0xBE fresh heap bytes).
  const uninit = /\nbastion-uninit: (stack|heap)\n$/.exec(stderr);
  if (uninit) {
    const stack = uninit[1] === 'stack';
    const k: Kind = {
      cwe: 'CWE-457',
      severity: 'high',
      what: stack ? 'a variable read before it was given a value' : 'heap memory read before it was written',
      fixHint:
        'Give every variable, array and struct a value before reading it: initialise at the declaration, fill new blocks (calloc, memset, a constructor).',
    };
    found.push(
      make(
        k,
        'uninit-check',
        stack ? 'uninitialised-variable' : 'uninitialised-heap',
        0,
        0,
        'the program printed a value that only unwritten memory holds in the checked build, so no line is known',
      ),
    );
  }
  return found;
}

/** glibc's aborts in a hardened build (_FORTIFY_SOURCE, -fstack-protector-strong); no line is known. */
export function parseHardeningAbort(stderr: string, sourceFile: string, test: string): Finding[] {
  const hit = (cwe: CweId, rule: string, what: string): Finding => ({
    tool: 'hardened-build',
    ruleId: `hardened-build.${rule}`,
    cwe,
    severity: 'critical',
    file: sourceFile,
    line: 0,
    column: 0,
    message: `${what} on test ${test} (the hardened build aborted)`,
    fixHint:
      'Bound every copy and read by the size of its destination (fgets, snprintf, strncpy with an explicit terminator).',
    evidence: runEvidence(test),
  });
  const found: Finding[] = [];
  if (stderr.includes('*** stack smashing detected ***'))
    found.push(hit('CWE-121', 'stack-smashing', 'stack buffer overflow'));
  if (stderr.includes('*** buffer overflow detected ***'))
    found.push(hit('CWE-120', 'fortify', 'buffer overflow caught by _FORTIFY_SOURCE'));
  return found;
}

/** ASan's reports of out-of-bounds writes, which a stack-protector or fortify abort also is. */
const OVERRUN_WRITES: readonly CweId[] = ['CWE-121', 'CWE-122', 'CWE-787'];

/**
 * A hardened-build abort only says that some buffer overran, with no line. When ASan reported the
 * overrun as well, the two are one weakness found twice: the abort joins that report, which keeps
 * its line and message, and the tool list names both. It joins one of its own CWE first, else an
 * out-of-bounds write, else an out-of-bounds read (ASan sees no write inside an uninstrumented
 * libc call such as gets(), only the read of what it overran). An abort with no such report stands
 * alone (the sanitizers were off, or their replays never reached the input).
 */
export function foldHardeningAborts(findings: readonly Finding[]): Finding[] {
  const out = findings.filter((f) => f.tool !== 'hardened-build').map((f) => ({ ...f }));
  const asan = out.filter((f) => f.tool.split('+').includes('asan'));
  for (const abort of findings.filter((f) => f.tool === 'hardened-build')) {
    const into =
      asan.find((f) => f.cwe === abort.cwe) ??
      asan.find((f) => OVERRUN_WRITES.includes(f.cwe)) ??
      asan.find((f) => f.cwe === 'CWE-125');
    if (into) into.tool = joinTools(into.tool, abort.tool);
    else out.push(abort);
  }
  return out;
}
