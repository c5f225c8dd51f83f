import type { Severity } from './findings';

// Kept free of Node APIs: the web app's policy form imports it too.

/** A problem's security policy (`security:` in the package's bastion.yaml). */
export interface SecurityPolicy {
  /** Share of the submission's score that security carries, 0..1. */
  weight: number;
  /** Run the static analyzers. */
  static: boolean;
  /** Rebuild C/C++ with AddressSanitizer + UndefinedBehaviorSanitizer and replay the tests and attack tests. */
  sanitizers: boolean;
  /** Functions the problem forbids; a call to one is a high-severity finding (CWE-676). */
  bannedApis: string[];
  /** Rule ids to leave out (for a problem where, say, `system()` is the point). */
  disabledRules: string[];
  /** A finding at or above this severity makes the submission `vulnerable` and not accepted. */
  failOn: Severity | 'none';
}

export const DEFAULT_POLICY: SecurityPolicy = {
  weight: 0,
  static: true,
  sanitizers: true,
  bannedApis: [],
  disabledRules: [],
  failOn: 'high',
};
