/** A benchmark case: one weakness as a vulnerable program and, when the suite has one, its safe twin. */
export type Language = 'c' | 'cpp' | 'python' | 'java' | 'javascript';
export const LANGUAGES: readonly Language[] = ['c', 'cpp', 'python', 'java', 'javascript'];

export type SuiteId = 'juliet-c' | 'juliet-java' | 'purplellama' | 'securityeval' | 'bastion-pairs';

export interface BenchCase {
  /** Stable and unique: `<suite>:<name>`; the split and the sampling hash it. */
  id: string;
  suite: SuiteId;
  language: Language;
  /** `CWE<n>`: the weakness the suite labels the case with (a Juliet folder, a rule's CWE). */
  family: string;
  /** Cases made from one template (Juliet's flow variants of one functional variant) share it. */
  variant: string;
  /** The vulnerable program, null for a safe-only case (a suite's `ok:` example). */
  vulnerable: string | null;
  /** The safe twin, null when the suite has none. */
  safe: string | null;
  /**
   * CWE numbers the suite itself declares present as incidental flaws (Juliet's `INCIDENTAL:`
   * comments, e.g. a hard-coded key in a CWE-256 case). A safe twin flagged only for one of these
   * is reported apart from the false positives (report.ts), as SAMATE's own scoring does.
   */
  incidental?: number[];
}

/** Incidental flaws Juliet names in words only (`INCIDENTAL - Possible memory leak here …`). */
const NAMED_IN_WORDS: [RegExp, number][] = [
  [/memory leak/i, 401],
  [/hard-?coded crypto/i, 321],
  [/hard-?coded password/i, 259],
];

/**
 * The CWE numbers a source's `INCIDENTAL` comment lines declare (Juliet), by number or, for the few
 * named in words only, by name; read before comments are stripped.
 */
export function declaredIncidental(raw: string): number[] {
  const found = new Set<number>();
  for (const line of raw.split('\n')) {
    if (!/INCIDENTAL/.test(line)) continue;
    for (const m of line.matchAll(/CWE[ -]?(\d+)/g)) found.add(Number(m[1]));
    for (const [words, cwe] of NAMED_IN_WORDS) if (words.test(line)) found.add(cwe);
  }
  return [...found].sort((a, b) => a - b);
}

/** A candidate a suite offers before it is built (building reads and transforms the files). */
export interface Candidate {
  id: string;
  suite: SuiteId;
  language: Language;
  family: string;
  variant: string;
  build(): BenchCase | { skip: string };
}

export const isSkip = (c: BenchCase | { skip: string }): c is { skip: string } => 'skip' in c;
