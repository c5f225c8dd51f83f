import { zipSync } from 'fflate';
import { stringify } from 'yaml';
import { CheckerSpec, ProblemScoring } from '@bastion/contracts';
import type { SecurityPolicy } from '@bastion/security';
import { PackageTest, ReferenceSolution } from './kattis-package';

export interface ExportableProblem {
  shortName: string;
  name: string;
  statement: string;
  /** By language; when absent, `statement` is written as English. */
  statements?: Record<string, string> | null;
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes: number;
  checker: CheckerSpec;
  security: SecurityPolicy;
  tests: PackageTest[];
  scoring?: ProblemScoring | null;
  solutions?: Pick<ReferenceSolution, 'path' | 'source'>[];
  /** The files' time in the zip (now when absent): the same problem and time give the same bytes. */
  modifiedAt?: Date;
}

/** One testdata.yaml per group folder of a scoring problem, so nothing depends on inheritance. */
function testdataFiles(scoring: ProblemScoring, tests: PackageTest[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {
    'data/testdata.yaml': { grader_flags: scoring.ignoreSamples ? 'ignore_sample' : 'sum' },
  };
  const dirs = new Set<string>();
  for (const t of tests.filter((x) => x.kind !== 'attack')) {
    for (let d = t.name.slice(0, t.name.lastIndexOf('/')); d; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '')
      dirs.add(d);
  }
  for (const dir of dirs) {
    const rule = scoring.groups.find((g) => g.path === dir);
    const points = new Set(tests.filter((t) => t.name.slice(0, t.name.lastIndexOf('/')) === dir).map((t) => t.points));
    const [accept] = points;
    out[`data/${dir}/testdata.yaml`] = {
      grader_flags: rule?.aggregation === 'min' ? 'min' : 'sum',
      ...(points.size === 1 && accept !== 1 ? { accept_score: accept } : {}),
      ...(rule?.score != null ? { scoring: { score: rule.score } } : {}),
    };
  }
  return out;
}

/** The checker as problem.yaml keys (the inverse of checkerFromFlags / customChecker). */
function validation(checker: CheckerSpec): Record<string, unknown> {
  switch (checker.type) {
    case 'custom':
      return { validation: 'custom', validator_flags: checker.flags.join(' ') || undefined };
    case 'tokens':
      return { validator_flags: 'case_sensitive' };
    case 'exact':
      return { validator_flags: 'space_change_sensitive' };
    case 'case-insensitive':
      return {};
    case 'float':
      return {
        validator_flags: `float_absolute_tolerance ${checker.absTol} float_relative_tolerance ${checker.relTol}`,
      };
  }
}

/** Writes a problem as a Kattis package zip (legacy layout), with Bastion's bastion.yaml and data/attack. */
export function writeKattisPackage(p: ExportableProblem): Buffer {
  const files: Record<string, Uint8Array> = {};
  const put = (path: string, data: string | Buffer) => {
    files[`${p.shortName}/${path}`] = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  };
  const meta = {
    name: p.name,
    type: p.scoring?.type ?? 'pass-fail',
    limits: {
      time_limit: p.timeLimitMs / 1000,
      memory: p.memoryLimitMb,
      output: Math.max(1, Math.round(p.outputLimitBytes / (1024 * 1024))),
    },
    ...validation(p.checker),
  };
  put('problem.yaml', stringify(JSON.parse(JSON.stringify(meta))));
  const statements = p.statements ?? (p.statement ? { en: p.statement } : {});
  for (const [lang, body] of Object.entries(statements)) put(`problem_statement/problem.${lang}.md`, body);
  const { disabledRules, ...policy } = p.security;
  put('bastion.yaml', stringify({ security: { ...policy, rules: { disable: disabledRules } } }));
  if (p.checker.type === 'custom') {
    for (const [name, b64] of Object.entries(p.checker.files))
      put(`output_validators/validator/${name}`, Buffer.from(b64, 'base64'));
  }
  if (p.scoring?.type === 'scoring') {
    for (const [path, doc] of Object.entries(testdataFiles(p.scoring, p.tests))) put(path, stringify(doc));
  }
  for (const s of p.solutions ?? []) if (s.source) put(s.path, s.source);
  for (const t of p.tests) {
    put(`data/${t.name}.in`, t.input);
    if (t.kind !== 'attack' || t.checkAnswer) put(`data/${t.name}.ans`, t.answer);
    if (t.forbidden.length) put(`data/${t.name}.forbid`, `${t.forbidden.join('\n')}\n`);
  }
  return Buffer.from(zipSync(files, { level: 6, mtime: p.modifiedAt ?? new Date() }));
}
