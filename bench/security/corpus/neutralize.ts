import { identifiers, literalWords, renameIdentifiers } from './c-like';

/** Names from the C++ and Java standard libraries that contain "bad" or "good" but are no labels. */
const LIBRARY_NAMES = new Set([
  'bad_alloc',
  'bad_array_new_length',
  'bad_cast',
  'bad_exception',
  'bad_function_call',
  'bad_optional_access',
  'bad_typeid',
  'bad_variant_access',
  'bad_weak_ptr',
  'badbit',
  'goodbit',
]);

/**
 * Whether an identifier gives a test case's answer away: it says bad or good (`bad`, `goodG2B1`,
 * `badSink`, `goodB2GStatic`), or it is named after the case or its CWE (`CWE121_..._01_bad`, a C++
 * namespace or a Java class named `CWE...`, a key "CWE690").
 */
export function isLabel(id: string): boolean {
  return !LIBRARY_NAMES.has(id) && (/bad|good/i.test(id) || /^CWE\d+/.test(id));
}

/**
 * Renames every label identifier to `f1`, `f2`, … in order of first appearance (another prefix if
 * the program already uses such names), and label words inside string literals the same way (a
 * file name "badSink.txt", a message "GoodSink", a key "CWE690"): consistently, so a program that
 * compares such strings behaves as before. Returns the program and the names given.
 */
export function neutralize(src: string, label: (id: string) => boolean = isLabel) {
  const ids = identifiers(src);
  let prefix = 'f';
  while (ids.some((id) => new RegExp(`^${prefix}\\d+$`).test(id))) prefix = `${prefix}n`;
  const names = new Map<string, string>();
  for (const id of [...ids, ...literalWords(src)])
    if (label(id) && !names.has(id)) names.set(id, `${prefix}${names.size + 1}`);
  return { text: renameIdentifiers(src, (id) => names.get(id) ?? null, true), names };
}
