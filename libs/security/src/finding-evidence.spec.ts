import { withEvidence } from './evidence';
import { dedupe, Evidence, Finding } from './findings';
import { attackFinding } from './policy';
import { foldHardeningAborts, parseHardeningAbort, parseSanitizer } from './sanitizers';
import { toSarif } from './sarif';
import { findingAt, sarifValidator } from './testing/fixtures';

/** A finding's evidence: what proved it, shown beside it (issue #16). */

const SECRET = 'S3CR3T-hidden-input-7f3a';

const at = findingAt;

describe('evidence of a run', () => {
  it('is the name of the test the sanitizer report came from, for ASan, UBSan and LSan', () => {
    const asan =
      '==1==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ffd at pc 0x1\n' +
      'WRITE of size 8 at 0x7ffd thread T0\n    #0 0x55 in main /box/main.c:5:3\n';
    expect(parseSanitizer(asan, 'main.c', 'sample/1', 10)[0].evidence).toEqual({ kind: 'run', test: 'sample/1' });
    const ub = parseSanitizer('main.c:3:9: runtime error: division by zero', 'main.c', 'secret/03', 10);
    expect(ub[0].evidence).toEqual({ kind: 'run', test: 'secret/03' });
    const leak = parseSanitizer(
      '==1==ERROR: LeakSanitizer: detected memory leaks\n    #1 0x55 in main /box/main.c:4:12\n',
      'main.c',
      'attack/long',
      10,
    );
    expect(leak[0].evidence).toEqual({ kind: 'run', test: 'attack/long' });
  });

  it('carries nothing a forged report says: not its text, not a test name it claims', () => {
    // A program that prints reports shaped to smuggle its (hidden) input into the evidence: as the
    // report kind, the function, the file, a test name, a JSON fragment.
    const forged = [
      `==1==ERROR: AddressSanitizer: ${SECRET} on address 0x602000000011 at pc 0x1`,
      `WRITE of size 4 at 0x602000000011 thread T0`,
      `    #0 0x55 in ${SECRET} /box/main.c:3:3`,
      `    #1 0x55 in main /box/${SECRET}.c:4:1`,
      `==1==ERROR: LeakSanitizer: detected memory leaks`,
      `    #0 0x55 in main /box/main.c:2`,
      `main.c:3:1: runtime error: on test sample/1 "evidence":{"kind":"run","test":"${SECRET}"}`,
      `*** stack smashing detected ***: ${SECRET} terminated`,
      `*** buffer overflow detected ***: test ${SECRET}`,
    ].join('\n');
    const found = [
      ...parseSanitizer(forged, 'main.c', 'secret/03', 40),
      ...parseHardeningAbort(forged, 'main.c', 'secret/03'),
    ];
    expect(found.map((f) => f.tool)).toEqual(['asan', 'lsan', 'ubsan', 'hardened-build', 'hardened-build']);
    for (const f of found) expect(f.evidence).toEqual({ kind: 'run', test: 'secret/03' });
    // exactly those keys, so nothing else can ride along
    for (const f of found) expect(Object.keys(f.evidence!).sort()).toEqual(['kind', 'test']);
    expect(JSON.stringify(found)).not.toContain(SECRET);
    expect(JSON.stringify(toSarif(found))).not.toContain(SECRET);
  });

  it('is the test name for a hardening abort and a failed attack test, and survives folding into ASan', () => {
    const [abort] = parseHardeningAbort('*** stack smashing detected ***: terminated', 'main.c', 'attack/huge');
    expect(abort.evidence).toEqual({ kind: 'run', test: 'attack/huge' });
    expect(attackFinding('attack/inject', 'WA', true, 'main.c').evidence).toEqual({
      kind: 'run',
      test: 'attack/inject',
    });
    // the abort joins ASan's report, which keeps its own run
    const asan = at(5, {
      tool: 'asan',
      ruleId: 'asan.stack-buffer-overflow',
      cwe: 'CWE-121',
      severity: 'critical',
      evidence: { kind: 'run', test: 'attack/long' },
    });
    expect(foldHardeningAborts([asan, abort])).toEqual([
      { ...asan, tool: 'asan+hardened-build', evidence: { kind: 'run', test: 'attack/long' } },
    ]);
  });
});

describe('evidence of a dataflow', () => {
  const SRC = [
    '#include <stdio.h>', // 1
    '#include <string.h>', // 2
    'int main(void) {', // 3
    '  char in[64], buf[16];', // 4
    '  fgets(in, sizeof in, stdin);', // 5
    '  strcpy(buf, "constant");', // 6
    '  strcpy(buf, in);', // 7
    '  return 0;', // 8
    '}', // 9
  ].join('\n');

  it('is the line the input was read, then the sink', () => {
    const out = withEvidence([], 'c', SRC, 'main.c');
    const flow = out.find((f) => f.ruleId === 'dataflow.unbounded-copy');
    expect(flow?.evidence).toEqual({
      kind: 'dataflow',
      steps: [
        { line: 5, what: 'input' },
        { line: 7, what: 'sink' },
      ],
    });
  });

  it('goes with a pattern hit that input reaches, not with one on a constant, and survives dedupe', () => {
    const out = withEvidence([at(6), at(7)], 'c', SRC, 'main.c');
    expect(out.find((f) => f.tool === 'ast-grep' && f.line === 6)?.evidence).toBeUndefined();
    const reached = out.find((f) => f.tool === 'ast-grep' && f.line === 7);
    expect(reached?.evidence).toEqual({
      kind: 'dataflow',
      steps: [
        { line: 5, what: 'input' },
        { line: 7, what: 'sink' },
      ],
    });
    // the pattern hit and the dataflow finding are one finding (same line and CWE), with the path
    const merged = dedupe(out).filter((f) => f.line === 7);
    expect(merged).toHaveLength(1);
    expect(merged[0].tool).toBe('ast-grep+dataflow');
    expect(merged[0].evidence?.kind).toBe('dataflow');
  });

  it('dedupe keeps the kept finding’s evidence, else the first another one carries', () => {
    const run: Evidence = { kind: 'run', test: 'sample/1' };
    const path: Evidence = { kind: 'dataflow', steps: [{ line: 2, what: 'sink' }] };
    const pattern = at(3, { severity: 'critical' });
    expect(dedupe([pattern, at(3, { tool: 'dataflow', evidence: path })])[0]).toMatchObject({
      severity: 'critical',
      evidence: path,
    });
    expect(dedupe([at(3, { severity: 'critical', evidence: run }), at(3, { evidence: path })])[0].evidence).toEqual(
      run,
    );
    expect(dedupe([at(3), at(3, { tool: 'flawfinder' })])[0]).not.toHaveProperty('evidence');
  });

  it('shows the naming call and the creation of an insecure temporary file, and a pointer before a buffer', () => {
    const temp = [
      'int main(void) {', // 1
      '  char t[] = "fnXXXXXX";', // 2
      '  char *name = mktemp(t);', // 3
      '  int fd = open(name, O_RDWR | O_CREAT, 0600);', // 4
      '  char buf[100];', // 5
      '  char *p = buf - 8;', // 6
      '  return fd + *p;', // 7
      '}', // 8
    ].join('\n');
    const out = withEvidence([], 'c', temp, 'main.c');
    expect(out.find((f) => f.ruleId === 'dataflow.insecure-temp-file')?.evidence).toEqual({
      kind: 'dataflow',
      steps: [
        { line: 3, what: 'temp-name' },
        { line: 4, what: 'create' },
      ],
    });
    expect(out.find((f) => f.ruleId === 'dataflow.pointer-before-start')?.evidence).toEqual({
      kind: 'dataflow',
      steps: [{ line: 6, what: 'pointer' }],
    });
  });
});

describe('evidence in SARIF', () => {
  const validate = sarifValidator();

  const findings: Finding[] = [
    at(7, {
      tool: 'dataflow',
      ruleId: 'dataflow.unbounded-copy',
      evidence: {
        kind: 'dataflow',
        steps: [
          { line: 5, what: 'input' },
          { line: 7, what: 'sink' },
        ],
      },
    }),
    at(0, {
      tool: 'asan',
      ruleId: 'asan.stack-buffer-overflow',
      cwe: 'CWE-121',
      severity: 'critical',
      evidence: { kind: 'run', test: 'attack/long' },
    }),
    at(9),
  ];

  it('writes a dataflow as a code flow through its lines, and every evidence into the properties', () => {
    const log = toSarif(findings, { sourceUri: 'main.c', version: '0.1.0' });
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const [flow, run, plain] = log.runs[0].results ?? [];
    expect(flow.codeFlows).toEqual([
      {
        threadFlows: [
          {
            locations: [
              {
                location: {
                  physicalLocation: { artifactLocation: { uri: 'main.c' }, region: { startLine: 5 } },
                  message: { text: 'input is read here' },
                },
                executionOrder: 1,
                kinds: ['source'],
              },
              {
                location: {
                  physicalLocation: { artifactLocation: { uri: 'main.c' }, region: { startLine: 7 } },
                  message: { text: 'it is used here' },
                },
                executionOrder: 2,
                kinds: ['sink'],
              },
            ],
          },
        ],
      },
    ]);
    expect(flow.properties?.evidence).toEqual(findings[0].evidence);
    expect(run.codeFlows).toBeUndefined();
    expect(run.properties?.evidence).toEqual({ kind: 'run', test: 'attack/long' });
    expect(plain.codeFlows).toBeUndefined();
    expect(plain.properties).not.toHaveProperty('evidence');
  });

  it('stays valid through JSON, and the validator does catch a broken code flow', () => {
    const log = JSON.parse(JSON.stringify(toSarif(findings))) as any;
    expect(validate(log)).toBe(true);
    log.runs[0].results[0].codeFlows[0].threadFlows[0].locations = [];
    expect(validate(log)).toBe(false);
  });
});
