import { Judged } from './judge';
import { onlyIncidental, tabulate } from './report';

const safe = (findings: [string, string][], incidental?: number[]): Judged => ({
  id: 'juliet-java:x',
  part: 'tuning',
  suite: 'juliet-java',
  language: 'java',
  family: 'CWE256',
  twin: 'safe',
  submission: 's',
  status: 'done',
  verdict: 'WA',
  security: findings.some(([, sev]) => sev === 'high') ? 'vulnerable' : 'secure',
  findings: findings.map(([cwe, severity]) => ({ tool: 't', ruleId: 'r', cwe, severity, line: 1 })),
  serverMs: 1,
  ...(incidental ? { incidental } : {}),
});

describe('safe twins flagged for a flaw the suite declares incidental', () => {
  it('are apart from the false positives only when every failing finding is of a declared family', () => {
    expect(onlyIncidental(safe([['CWE-321', 'high']], [321]))).toBe(true);
    // CWE-798 is of CWE-321's family (credentials)
    expect(
      onlyIncidental(
        safe(
          [
            ['CWE-798', 'high'],
            ['CWE-690', 'low'],
          ],
          [321],
        ),
      ),
    ).toBe(true);
    expect(
      onlyIncidental(
        safe(
          [
            ['CWE-321', 'high'],
            ['CWE-690', 'high'],
          ],
          [321],
        ),
      ),
    ).toBe(false);
    expect(onlyIncidental(safe([['CWE-321', 'high']]))).toBe(false);
    expect(onlyIncidental(safe([], [321]))).toBe(false);
  });

  it('are counted in safe → vulnerable, and left out of its undeclared share', () => {
    const t = tabulate([
      safe([['CWE-321', 'high']], [321]),
      safe([['CWE-89', 'high']], [321]),
      safe([['CWE-321', 'low']], [321]),
    ]);
    expect(t.tuning.java.total).toMatchObject({ safe: 3, safeFlagged: 2, safeFlaggedUndeclared: 1 });
  });
});
