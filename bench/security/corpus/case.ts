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
