import type * as Sarif from 'sarif';
import { cweName, cweTitle, cweUrl, cweNumber } from './cwe';
import { DataflowStep, Finding, Severity, StepKind } from './findings';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  toolName?: string;
  version?: string;
  informationUri?: string;
  /** The artifact URI results point at (default: each finding's file). */
  sourceUri?: string;
}

const LEVELS: Record<Severity, Sarif.Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning's `security-severity` score (0..10) per severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };

/** How a code flow's step reads in SARIF (the web page words them in the reader's language). */
const STEP_TEXT: Record<StepKind, string> = {
  input: 'input is read here',
  origin: 'the value is set here',
  sink: 'it is used here',
  'temp-name': 'a temporary file name is made here',
  create: 'the file is created here without O_EXCL',
  pointer: 'a pointer is formed here before the start of its buffer',
};

/** A dataflow's steps as one SARIF code flow: a thread flow through those lines of the source. */
function codeFlow(steps: readonly DataflowStep[], uri: string): Sarif.CodeFlow {
  return {
    threadFlows: [
      {
        locations: steps.map((s, i) => ({
          location: {
            physicalLocation: { artifactLocation: { uri }, region: { startLine: s.line } },
            message: { text: STEP_TEXT[s.what] },
          },
          executionOrder: i + 1,
          kinds: [s.what === 'sink' || s.what === 'create' ? 'sink' : i === 0 ? 'source' : 'step'],
        })),
      },
    ],
  };
}

/**
 * Findings as a SARIF 2.1.0 log: one run whose driver lists a rule per ruleId (help URI: the CWE
 * entry), one result per finding with its location, and the CWE taxonomy the rules and results
 * refer to. A finding's evidence goes in its result's properties (`evidence`: a run's test name, a
 * dataflow's lines); a dataflow's also as the result's `codeFlows`, which SARIF viewers step through.
 */
export function toSarif(findings: readonly Finding[], opts: SarifOptions = {}): Sarif.Log {
  const toolName = opts.toolName ?? 'Bastion';
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const taxa: Sarif.ReportingDescriptor[] = [];
  const taxonIndex = new Map<string, number>();

  const taxon = (cwe: string): number => {
    let i = taxonIndex.get(cwe);
    if (i === undefined) {
      i = taxa.length;
      taxonIndex.set(cwe, i);
      const n = String(cweNumber(cwe) ?? cwe);
      taxa.push({
        id: n,
        name: cweName(cwe) ?? cwe,
        shortDescription: { text: cweTitle(cwe) },
        helpUri: cweUrl(cwe),
      });
    }
    return i;
  };

  const rule = (f: Finding): number => {
    let i = ruleIndex.get(f.ruleId);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(f.ruleId, i);
      const t = taxon(f.cwe);
      rules.push({
        id: f.ruleId,
        shortDescription: { text: f.message || cweTitle(f.cwe) },
        fullDescription: { text: cweTitle(f.cwe) },
        helpUri: cweUrl(f.cwe),
        help: { text: f.fixHint || cweTitle(f.cwe) },
        defaultConfiguration: { level: LEVELS[f.severity] },
        relationships: [{ target: { id: taxa[t].id, index: t, toolComponent: { name: 'CWE' } }, kinds: ['superset'] }],
        properties: {
          tags: ['security', f.cwe],
          'security-severity': SECURITY_SEVERITY[f.severity],
          cwe: f.cwe,
        },
      });
    }
    return i;
  };

  const results: Sarif.Result[] = findings.map((f) => {
    const ri = rule(f);
    const t = taxon(f.cwe);
    const steps = f.evidence?.kind === 'dataflow' ? f.evidence.steps : [];
    return {
      ruleId: f.ruleId,
      ruleIndex: ri,
      level: LEVELS[f.severity],
      message: { text: f.message || cweTitle(f.cwe) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: opts.sourceUri ?? f.file },
            region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) },
          },
        },
      ],
      ...(steps.length ? { codeFlows: [codeFlow(steps, opts.sourceUri ?? f.file)] } : {}),
      taxa: [{ id: taxa[t].id, index: t, toolComponent: { name: 'CWE' } }],
      properties: {
        cwe: f.cwe,
        severity: f.severity,
        fixHint: f.fixHint,
        tools: f.tool.split('+'),
        'security-severity': SECURITY_SEVERITY[f.severity],
        ...(f.evidence ? { evidence: f.evidence } : {}),
      },
    };
  });

  const driver: Sarif.ToolComponent = {
    name: toolName,
    rules,
    supportedTaxonomies: [{ name: 'CWE' }],
  };
  if (opts.version) driver.version = opts.version;
  if (opts.informationUri) driver.informationUri = opts.informationUri;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        taxonomies: [
          {
            name: 'CWE',
            organization: 'MITRE',
            informationUri: 'https://cwe.mitre.org/',
            shortDescription: { text: 'The MITRE Common Weakness Enumeration' },
            taxa,
          },
        ],
        results,
      },
    ],
  };
}
