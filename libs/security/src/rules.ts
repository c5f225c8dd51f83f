import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The ast-grep rules in the repository (copied to /opt/bastion/rules in the judge images). */
export const RULES_DIR = join(__dirname, '..', 'rules');
/** ast-grep's own valid/invalid test cases of each rule (`<rule-id>-test.yml`). */
export const RULE_TESTS_DIR = join(__dirname, '..', 'rule-tests');

/** The ast-grep binary of the npm package @ast-grep/cli on this host (for tests and tooling), or null. */
export function hostAstGrep(root = join(__dirname, '..', '..', '..')): string | null {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const candidates = [
    join(root, 'node_modules', '@ast-grep', `cli-linux-${arch}-gnu`, 'ast-grep'),
    join(root, 'node_modules', '@ast-grep', `cli-darwin-${arch}`, 'ast-grep'),
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}
