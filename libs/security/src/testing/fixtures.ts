// Shared by the security library's unit specs.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Finding } from '../findings';

/** An ast-grep finding at `line` of main.c, high, with whatever `over` changes. */
export const findingAt = (line: number, over: Partial<Finding> = {}): Finding => ({
  tool: 'ast-grep',
  ruleId: 'c-unbounded-string-copy',
  cwe: 'CWE-120',
  severity: 'high',
  file: 'main.c',
  line,
  column: 3,
  message: 'Unbounded string copy into a fixed buffer',
  fixHint: 'bound it',
  ...over,
});

/**
 * A validator of the OASIS SARIF 2.1.0 JSON schema (2.1.0-rtm.5, a JSON Schema draft-04), as shipped
 * by Microsoft's @microsoft/jest-sarif package; Ajv's draft-04 flavour validates against it.
 * unicodeRegExp off: the schema's pattern for 'language' has a stray ']' that the u flag rejects.
 */
export function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
