/** How a program's output is compared with the answer. */
export type CheckerSpec =
  | { type: 'tokens' }
  | { type: 'exact' }
  | { type: 'case-insensitive' }
  | { type: 'float'; absTol: number; relTol: number };

export const DEFAULT_CHECKER: CheckerSpec = { type: 'tokens' };
