/**
 * CWE families: which CWEs Bastion may report for a case labelled with a CWE and still be "right".
 * A suite labels a case with one CWE (a Juliet folder, a rule's CWE); tools name the same bug at
 * another level of MITRE's tree (ASan says CWE-125 for a Juliet CWE-126 over-read, flawfinder
 * CWE-120 for a stack overflow). A family accepts every CWE of the groups its CWE belongs to.
 * Deliberately left out: CWE-20 for the non-memory families (an attack-test crash is CWE-20 whatever the
 * bug), CWE-676 "dangerous function" for overflows (it names an API, not a bug), CWE-119 for double
 * free (an ASan report parsed wrongly).
 */
const GROUPS: Record<string, readonly number[]> = {
  // CWE-822 (untrusted pointer dereference) is ChildOf CWE-119
  memoryBounds: [20, 119, 120, 121, 122, 123, 124, 125, 126, 127, 129, 131, 170, 193, 786, 787, 788, 805, 806, 822],
  dangerousFunction: [242, 676, 120],
  integer: [128, 190, 191, 192, 194, 195, 196, 197, 680, 681],
  divideByZero: [369],
  lifetime: [415, 416, 562, 590, 672, 761, 762, 763, 825],
  leak: [401, 404, 459, 772, 775],
  uninitialised: [457, 665, 824, 908, 909],
  nullDeref: [252, 253, 476, 690, 754],
  resourceSize: [400, 606, 770, 789, 834],
  formatString: [134],
  osCommand: [74, 77, 78, 88],
  searchPath: [114, 426, 427],
  // CWE-641 (improper restriction of names for files and other resources) is ChildOf CWE-99 (research view 1000)
  path: [22, 23, 36, 73, 99, 641],
  sql: [89, 564, 943],
  ldap: [90],
  xpath: [91, 643],
  code: [94, 95, 96, 470, 1336],
  deserialization: [502],
  xss: [79, 80, 81, 83, 116],
  // CWE-117 (log output), CWE-644 (HTTP headers for scripting syntax) and CWE-838 (encoding mismatch) are
  // ChildOf CWE-116 (improper encoding or escaping of output)
  outputEncoding: [116, 117, 644, 838],
  headerInjection: [93, 113, 117],
  xxe: [611, 776, 827],
  ssrf: [918],
  redirect: [601],
  weakCrypto: [261, 326, 327, 328, 329, 759, 760, 780, 916],
  // CWE-331 (insufficient entropy) and CWE-1204 (weak IV) are ChildOf CWE-330, like 335–338; CWE-339 (small
  // seed space) is ChildOf CWE-335
  weakRandom: [330, 331, 335, 336, 337, 338, 339, 1204],
  // CWE-329 (predictable IV with CBC) is ChildOf CWE-1204
  weakIv: [329, 1204],
  credentials: [256, 259, 260, 321, 522, 547, 798],
  // CWE-614 (sensitive cookie without the 'Secure' attribute) is ChildOf CWE-319
  cleartext: [311, 312, 319, 523, 614],
  tls: [295, 297, 599],
  tempFile: [377, 378, 379],
  permissions: [276, 281, 732],
  race: [362, 367],
  // CWE-201 (sensitive data in sent data), CWE-209 (error message with sensitive information), CWE-215
  // (sensitive information in debugging code), CWE-497 (system information) and CWE-538 (in a file or
  // directory; CWE-532, in a log file, is ChildOf CWE-538) are ChildOf CWE-200
  exposure: [200, 201, 209, 215, 497, 532, 538],
  // CWE-250 (execution with unnecessary privileges) is ChildOf CWE-269
  privileges: [250, 269],
  // CWE-390 (error condition detected without action) is ChildOf CWE-755, ChildOf CWE-703
  exceptions: [390, 703, 755],
  // CWE-414 (missing lock check) is ChildOf CWE-667 (improper locking)
  locking: [414, 667],
  // CWE-1333 (inefficient regular expression complexity) is ChildOf CWE-407, ChildOf CWE-405, ChildOf CWE-400
  algorithmicComplexity: [400, 405, 407, 1333],
  redos: [185, 730, 1333],
};

/** Families whose vulnerable programs may overrun memory as a consequence: the bounds CWEs count too. */
const ALSO_BOUNDS = new Set([190, 191, 194, 195, 196, 197, 680, 681, 242, 676, 843]);

/** The CWE numbers Bastion may report for a case of `family` (`CWE121` or `CWE-121`). */
export function acceptedCwes(family: string): Set<number> {
  const n = Number(/(\d+)/.exec(family)?.[1]);
  if (!Number.isInteger(n)) throw new Error(`not a CWE family: ${family}`);
  const set = new Set<number>([n]);
  for (const g of Object.values(GROUPS)) if (g.includes(n)) g.forEach((c) => set.add(c));
  if (ALSO_BOUNDS.has(n)) GROUPS.memoryBounds.forEach((c) => set.add(c));
  return set;
}

/** Whether a reported CWE (`CWE-787`) is of the case's family. */
export function rightFamily(family: string, reported: string): boolean {
  const n = Number(/(\d+)/.exec(reported)?.[1]);
  return Number.isInteger(n) && acceptedCwes(family).has(n);
}

/**
 * The Juliet families the benchmark judges by default: weaknesses a secure-coding judge exists to
 * catch, with cases whose data a judge can give (stdin or constants). Code-quality folders (dead
 * code, unused variables, missing default cases…) and Windows-only ones are left out.
 */
export const JULIET_C_FAMILIES = [
  'CWE121', 'CWE122', 'CWE123', 'CWE124', 'CWE126', 'CWE127', 'CWE134', 'CWE190', 'CWE191', 'CWE194',
  'CWE195', 'CWE197', 'CWE23', 'CWE242', 'CWE36', 'CWE369', 'CWE377', 'CWE401', 'CWE415', 'CWE416',
  'CWE457', 'CWE476', 'CWE590', 'CWE676', 'CWE680', 'CWE690', 'CWE761', 'CWE762', 'CWE78', 'CWE789',
]; // prettier-ignore

export const JULIET_JAVA_FAMILIES = [
  'CWE129', 'CWE134', 'CWE190', 'CWE191', 'CWE23', 'CWE259', 'CWE319', 'CWE321', 'CWE327', 'CWE328',
  'CWE338', 'CWE36', 'CWE369', 'CWE470', 'CWE476', 'CWE690', 'CWE78', 'CWE789', 'CWE89', 'CWE90',
  'CWE643', 'CWE606', 'CWE400', 'CWE256', 'CWE329', 'CWE336', 'CWE759', 'CWE760', 'CWE378', 'CWE379',
]; // prettier-ignore
