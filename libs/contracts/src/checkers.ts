/** A built-in comparison of a program's output with the answer, done in the worker. */
export type BuiltinChecker =
  | { type: 'tokens' }
  | { type: 'exact' }
  | { type: 'case-insensitive' }
  | { type: 'float'; absTol: number; relTol: number };

/**
 * A problem's own output validator (Kattis contract: `validator input answer feedback_dir [flags]
 * < program_output`, exit 42 accepted, 43 wrong answer), compiled and run in a sandbox of its own.
 * `files` maps file names to base64 contents.
 */
export interface CustomChecker {
  type: 'custom';
  language: 'cpp' | 'python';
  files: Record<string, string>;
  flags: string[];
}

/** How a program's output is compared with the answer. */
export type CheckerSpec = BuiltinChecker | CustomChecker;

export const DEFAULT_CHECKER: CheckerSpec = { type: 'tokens' };

/** Exit codes of the Kattis output-validator contract. */
export const VALIDATOR_ACCEPT = 42;
export const VALIDATOR_REJECT = 43;
