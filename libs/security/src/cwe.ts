/** CWE ids are written `CWE-<n>` everywhere in Bastion. */
export type CweId = `CWE-${number}`;

/** Names (MITRE CWE 4.x) of the weaknesses Bastion's analyzers report. */
export const CWE_NAMES: Readonly<Record<number, string>> = {
  20: 'Improper Input Validation',
  22: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
  74: "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')",
  77: "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
  78: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
  79: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
  89: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
  94: "Improper Control of Generation of Code ('Code Injection')",
  95: "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')",
  116: 'Improper Encoding or Escaping of Output',
  119: 'Improper Restriction of Operations within the Bounds of a Memory Buffer',
  120: "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
  121: 'Stack-based Buffer Overflow',
  122: 'Heap-based Buffer Overflow',
  123: 'Write-what-where Condition',
  125: 'Out-of-bounds Read',
  126: 'Buffer Over-read',
  129: 'Improper Validation of Array Index',
  134: 'Use of Externally-Controlled Format String',
  170: 'Improper Null Termination',
  190: 'Integer Overflow or Wraparound',
  191: 'Integer Underflow (Wrap or Wraparound)',
  208: 'Observable Timing Discrepancy',
  242: 'Use of Inherently Dangerous Function',
  250: 'Execution with Unnecessary Privileges',
  252: 'Unchecked Return Value',
  256: 'Plaintext Storage of a Password',
  259: 'Use of Hard-coded Password',
  295: 'Improper Certificate Validation',
  319: 'Cleartext Transmission of Sensitive Information',
  321: 'Use of Hard-coded Cryptographic Key',
  326: 'Inadequate Encryption Strength',
  327: 'Use of a Broken or Risky Cryptographic Algorithm',
  328: 'Use of Weak Hash',
  329: 'Generation of Predictable IV with CBC Mode',
  330: 'Use of Insufficiently Random Values',
  336: 'Same Seed in Pseudo-Random Number Generator (PRNG)',
  338: 'Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)',
  352: 'Cross-Site Request Forgery (CSRF)',
  362: "Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')",
  367: 'Time-of-check Time-of-use (TOCTOU) Race Condition',
  369: 'Divide By Zero',
  377: 'Insecure Temporary File',
  378: 'Creation of Temporary File With Insecure Permissions',
  379: 'Creation of Temporary File in Directory with Insecure Permissions',
  400: 'Uncontrolled Resource Consumption',
  401: 'Missing Release of Memory after Effective Lifetime',
  404: 'Improper Resource Shutdown or Release',
  415: 'Double Free',
  416: 'Use After Free',
  451: 'User Interface (UI) Misrepresentation of Critical Information',
  457: 'Use of Uninitialized Variable',
  467: 'Use of sizeof() on a Pointer Type',
  476: 'NULL Pointer Dereference',
  479: 'Signal Handler Use of a Non-reentrant Function',
  502: 'Deserialization of Untrusted Data',
  532: 'Insertion of Sensitive Information into Log File',
  562: 'Return of Stack Variable Address',
  590: 'Free of Memory not on the Heap',
  605: 'Multiple Binds to the Same Port',
  606: 'Unchecked Input for Loop Condition',
  617: 'Reachable Assertion',
  665: 'Improper Initialization',
  676: 'Use of Potentially Dangerous Function',
  688: 'Function Call With Incorrect Variable or Reference as Argument',
  690: 'Unchecked Return Value to NULL Pointer Dereference',
  703: 'Improper Check or Handling of Exceptional Conditions',
  704: 'Incorrect Type Conversion or Cast',
  706: 'Use of Incorrectly-Resolved Name or Reference',
  710: 'Improper Adherence to Coding Standards',
  732: 'Incorrect Permission Assignment for Critical Resource',
  758: 'Reliance on Undefined, Unspecified, or Implementation-Defined Behavior',
  759: 'Use of a One-Way Hash without a Salt',
  760: 'Use of a One-Way Hash with a Predictable Salt',
  761: 'Free of Pointer not at Start of Buffer',
  762: 'Mismatched Memory Management Routines',
  770: 'Allocation of Resources Without Limits or Throttling',
  772: 'Missing Release of Resource after Effective Lifetime',
  775: 'Missing Release of File Descriptor or Handle after Effective Lifetime',
  785: 'Use of Path Manipulation Function without Maximum-sized Buffer',
  786: 'Access of Memory Location Before Start of Buffer',
  787: 'Out-of-bounds Write',
  789: 'Memory Allocation with Excessive Size Value',
  798: 'Use of Hard-coded Credentials',
  807: 'Reliance on Untrusted Inputs in a Security Decision',
  822: 'Untrusted Pointer Dereference',
  829: 'Inclusion of Functionality from Untrusted Control Sphere',
  908: 'Use of Uninitialized Resource',
  915: 'Improperly Controlled Modification of Dynamically-Determined Object Attributes',
  1321: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
  1333: 'Inefficient Regular Expression Complexity',
};

/** `787`, `'787'`, `'CWE-787'`, `'cwe 787'` → `'CWE-787'`; anything else → null. */
export function normalizeCwe(value: unknown): CweId | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return `CWE-${value}`;
  if (typeof value !== 'string') return null;
  const m = /^\s*(?:CWE[-\s:]?)?(\d{1,5})\s*!?\s*$/i.exec(value);
  return m ? `CWE-${Number(m[1])}` : null;
}

export function cweNumber(cwe: string): number | null {
  const id = normalizeCwe(cwe);
  return id ? Number(id.slice(4)) : null;
}

/** The MITRE name of a CWE, or null when Bastion does not know it. */
export function cweName(cwe: string | number): string | null {
  const id = normalizeCwe(cwe);
  return id ? (CWE_NAMES[Number(id.slice(4))] ?? null) : null;
}

/** `CWE-787: Out-of-bounds Write` (just the id when the name is unknown). */
export function cweTitle(cwe: string | number): string {
  const id = normalizeCwe(cwe) ?? String(cwe);
  const name = cweName(id);
  return name ? `${id}: ${name}` : id;
}

/** `https://cwe.mitre.org/data/definitions/787.html` */
export function cweUrl(cwe: string | number): string {
  const id = normalizeCwe(cwe);
  if (!id) throw new Error(`not a CWE id: ${String(cwe)}`);
  return `https://cwe.mitre.org/data/definitions/${id.slice(4)}.html`;
}

/** A generic remedy per weakness, for tools that report none of their own. */
const FIX_HINTS: Readonly<Record<number, string>> = {
  20: 'Validate the input (range, length, format) before using it.',
  22: 'Resolve the path and check it stays inside the intended directory.',
  78: 'Do not run a shell; start a fixed program with a separate argument list.',
  79: 'Write text with textContent (or escape it); never insert untrusted HTML.',
  89: 'Use parameterized queries (placeholders) instead of building SQL strings.',
  94: 'Do not generate code from input; dispatch through a fixed table instead.',
  95: 'Do not evaluate strings as code; parse the data instead.',
  119: 'Check every index and length against the buffer size.',
  120: 'Bound every copy by the destination size (snprintf, fgets, scanf widths).',
  121: 'Bound every write to the stack buffer by its size.',
  122: 'Bound every write to the heap buffer by its allocated size.',
  125: 'Check indexes against the buffer length before reading.',
  126: 'Make sure the string is NUL-terminated, or bound the read by the buffer size.',
  134: 'Use a literal format string and pass data as arguments: printf("%s", s).',
  190: 'Check arithmetic for overflow before using the result as a size or index.',
  242: 'Replace the function with its bounded counterpart (gets → fgets).',
  252: 'Check the return value and handle the failure.',
  259: 'Read passwords from configuration or the environment, not from the source.',
  327: 'Use a current algorithm (SHA-256, AES-GCM); for passwords a password hash.',
  328: 'Use SHA-256 or better; for passwords a password hash (scrypt, Argon2).',
  330: 'Use a cryptographically secure random generator.',
  338: 'Use a cryptographically secure generator for secrets (secrets, SecureRandom, crypto).',
  362: 'Synchronize access to the shared resource, or avoid sharing it.',
  367: 'Operate on the opened file descriptor instead of checking the path first.',
  377: 'Create temporary files with mkstemp/tmpfile (O_EXCL), never from a predictable name.',
  401: 'Free every allocation on every path (or use automatic storage).',
  415: 'Free each allocation exactly once; set the pointer to NULL after free.',
  416: 'Do not use memory after freeing it; set the pointer to NULL after free.',
  457: 'Initialize the variable before its first use.',
  476: 'Check the pointer for NULL (e.g. the result of malloc) before dereferencing it.',
  502: 'Do not deserialize untrusted data with a format that can create arbitrary objects; use JSON.',
  676: 'Replace the function with a bounded, safer alternative.',
  770: 'Bound the amount of resources a request can allocate.',
  785: 'Give path functions a buffer of PATH_MAX bytes, or use the allocating variants.',
  787: 'Bound every write by the destination size.',
  798: 'Keep credentials out of the source; read them from the environment or a secret store.',
  807: 'Do not base a security decision on an input the attacker controls.',
  1333: 'Avoid patterns with nested quantifiers; do not build regexps from input without escaping.',
};

export function defaultFixHint(cwe: string): string {
  const n = cweNumber(cwe);
  return (n !== null && FIX_HINTS[n]) || 'Review this code against the referenced CWE entry.';
}
