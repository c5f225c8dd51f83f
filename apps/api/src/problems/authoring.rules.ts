import { createHash } from 'node:crypto';
import type { BuiltinChecker } from '@bastion/contracts';
import type { TestKind } from '@bastion/db';
import { DEFAULT_POLICY, parsePolicy, SecurityPolicy } from '@bastion/security';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { AUTHORING_LIMITS } from './authoring.limits';

export const TEST_KINDS: readonly TestKind[] = ['sample', 'secret', 'attack'];
export const BUILTIN_CHECKERS = ['tokens', 'exact', 'case-insensitive', 'float'] as const;

/** Only a problem's author or an admin may change it (the same rule as publishing). */
export function assertCanEdit(me: Principal, problem: { authorId: string | null }): void {
  if (me.role !== 'admin' && problem.authorId !== me.id)
    throw new ApiError(403, 'FORBIDDEN', 'Only the author or an admin may do this');
}

/** A built-in checker from the form; tolerances belong to `float` only. */
export function builtinChecker(c: { type: string; absTol?: number; relTol?: number }): BuiltinChecker {
  const tolerances = c.absTol !== undefined || c.relTol !== undefined;
  switch (c.type) {
    case 'tokens':
    case 'exact':
    case 'case-insensitive':
      if (tolerances) throw new ApiError(400, 'BAD_CHECKER', 'absTol and relTol belong to the float checker only');
      return { type: c.type };
    case 'float':
      if (c.absTol === undefined || c.relTol === undefined)
        throw new ApiError(400, 'BAD_CHECKER', 'The float checker needs absTol and relTol (0 to turn one off)');
      return { type: 'float', absTol: c.absTol, relTol: c.relTol };
    default:
      throw new ApiError(
        400,
        'BAD_CHECKER',
        `checker.type must be one of ${BUILTIN_CHECKERS.join(', ')}; a custom validator comes with a package import`,
      );
  }
}

const POLICY_KEYS = ['weight', 'static', 'sanitizers', 'bannedApis', 'disabledRules', 'rules', 'failOn'];

/**
 * A security policy from the form, laid over `base` key by key: the stored shape (`disabledRules`)
 * and bastion.yaml's (`rules: { disable }`) are both accepted; parsePolicy checks the values.
 */
export function securityPolicy(raw: unknown, base: SecurityPolicy = DEFAULT_POLICY): SecurityPolicy {
  const bad = (message: string) => new ApiError(400, 'BAD_SECURITY_POLICY', message);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('security must be an object');
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !POLICY_KEYS.includes(k));
  if (unknown.length) throw bad(`security has unknown keys: ${unknown.join(', ')} (known: ${POLICY_KEYS.join(', ')})`);
  if (r.rules !== undefined) {
    const rules = r.rules as Record<string, unknown>;
    if (
      typeof rules !== 'object' ||
      rules === null ||
      Array.isArray(rules) ||
      Object.keys(rules).some((k) => k !== 'disable')
    )
      throw bad('security.rules must be an object with only a "disable" list');
    if (r.disabledRules !== undefined) throw bad('give either security.disabledRules or security.rules.disable');
  }
  const { disabledRules, ...rest } = base;
  const merged: Record<string, unknown> = { ...rest, rules: { disable: disabledRules }, ...r };
  if (r.disabledRules !== undefined) merged.rules = { disable: r.disabledRules };
  delete merged.disabledRules;
  try {
    return parsePolicy(merged);
  } catch (e) {
    throw bad((e as Error).message);
  }
}

/** Path segments of a test name: letters, digits, `.`, `_`, `-`; never `.` or `..` alone. */
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;

/**
 * The name a test is stored under, as the package importer stores it: `<kind>/<name>` (so that export
 * writes it to data/<kind>/<name>.in). A name that already starts with its kind keeps it.
 */
export function storedTestName(kind: TestKind, name: string): string {
  const parts = name.split('/');
  const bad = (why: string) => new ApiError(400, 'BAD_TEST_NAME', `Test name "${name.slice(0, 100)}": ${why}`);
  if (!parts.every((p) => SEGMENT.test(p)))
    throw bad('use letters, digits, ".", "_" and "-", with "/" between folders');
  if (parts[0] === kind) parts.shift();
  if (!parts.length) throw bad('give a name after the kind');
  if ((TEST_KINDS as readonly string[]).includes(parts[0]))
    throw bad(`it starts with "${parts[0]}/" but the test's kind is ${kind}`);
  const stored = [kind, ...parts].join('/');
  if (stored.length > 200) throw bad('it is longer than 200 characters');
  return stored;
}

/** The name without its kind folder (`secret/big/1` → `big/1`). */
export function shortTestName(stored: string): string {
  const [first, ...rest] = stored.split('/');
  return rest.length && (TEST_KINDS as readonly string[]).includes(first) ? rest.join('/') : stored;
}

/** A test as the form describes it, with its name already in stored form. `answer: null` means none. */
export interface TestDraft {
  name: string;
  kind: TestKind;
  input: Buffer;
  answer: Buffer | null;
  points: number;
  forbidden: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The columns of a test_cases row, addressed by content hash like the importer's (the worker caches by hash). */
export function testRow(d: TestDraft) {
  for (const [what, b] of [
    ['input', d.input],
    ['answer', d.answer],
  ] as const) {
    if (b && b.length > AUTHORING_LIMITS.testFileBytes)
      throw new ApiError(
        413,
        'TEST_TOO_LARGE',
        `The ${what} of ${d.name} is ${b.length} bytes; the limit is ${AUTHORING_LIMITS.testFileBytes} (import a package for larger tests)`,
      );
  }
  if (d.answer === null && d.kind !== 'attack')
    throw new ApiError(400, 'ANSWER_REQUIRED', `${d.name}: a ${d.kind} test needs an answer`);
  if (d.forbidden.length && d.kind !== 'attack')
    throw new ApiError(400, 'FORBIDDEN_OUTPUT_NOT_ALLOWED', `${d.name}: only attack tests list forbidden output`);
  const answer = d.answer ?? Buffer.alloc(0);
  return {
    name: d.name,
    kind: d.kind,
    points: d.points,
    input: d.input,
    answer,
    inputHash: sha256(d.input),
    answerHash: sha256(answer),
    checkAnswer: d.answer !== null,
    forbidden: d.forbidden,
  };
}
