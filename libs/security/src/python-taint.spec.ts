import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzersFor } from './analyzers';
import { BASTION_TAINT, bastionTaintArgv, parsePythonTaint } from './python-taint';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const brief = (fs: { line: number; cwe: string; severity: string; ruleId: string }[]) =>
  fs.map((f) => `${f.line}:${f.cwe}:${f.severity}:${f.ruleId}`);

describe('parsePythonTaint', () => {
  it("reads bastion_taint.py's report (captured in the python judge image over __fixtures__/vulnerable.py)", () => {
    const found = parsePythonTaint(fixture('bastion-taint.json'));
    expect(brief(found)).toEqual([
      '10:CWE-798:high:bastion-taint.hardcoded-secret',
      '15:CWE-95:critical:bastion-taint.code-injection',
      '16:CWE-78:critical:bastion-taint.command-injection',
      '17:CWE-78:critical:bastion-taint.command-injection',
      '18:CWE-502:critical:bastion-taint.unsafe-deserialization',
      '19:CWE-502:critical:bastion-taint.unsafe-deserialization',
      '21:CWE-89:critical:bastion-taint.sql-injection',
      '22:CWE-338:high:bastion-taint.weak-random-secret',
      '23:CWE-327:medium:bastion-taint.weak-hash',
    ]);
    expect(found[2]).toMatchObject({
      tool: 'bastion-taint',
      file: '',
      column: 5,
      message: 'Input read on line 14 reaches os.system() here, which runs it through the shell.',
      fixHint: expect.stringMatching(/shlex\.quote/),
    });
  });

  it('skips entries it cannot read and keeps the rest', () => {
    const doc = {
      tool: 'bastion-taint',
      version: 1,
      incomplete: null,
      findings: [
        null,
        'text',
        { rule: 'x', cwe: 'not a cwe', severity: 'high', line: 1 },
        { rule: 'Bad Rule!', cwe: 'CWE-78', severity: 'high', line: 1 },
        { rule: 'x', cwe: 'CWE-78', severity: 'fatal', line: 1 },
        { rule: 'ssrf', cwe: 'CWE-918', severity: 'high', line: -3, column: 'x', message: 42 },
      ],
    };
    const found = parsePythonTaint(JSON.stringify(doc));
    expect(found).toEqual([
      expect.objectContaining({ ruleId: 'bastion-taint.ssrf', cwe: 'CWE-918', line: 1, column: 1, message: '' }),
    ]);
    expect(found[0].fixHint.length).toBeGreaterThan(10); // the CWE's generic hint when the tool gave none
  });

  it('turns an analysis that stopped early into a low note, and an unparsable program into a medium finding', () => {
    const doc = {
      tool: 'bastion-taint',
      findings: [
        {
          rule: 'unparsable',
          cwe: 'CWE-710',
          severity: 'medium',
          line: 1,
          column: 7,
          message: 'The program looks like Python 2, which could not be analysed',
          fix: 'Write Python 3 that parses.',
        },
      ],
      incomplete: 'time budget of 4 s used up',
    };
    expect(brief(parsePythonTaint(JSON.stringify(doc)))).toEqual([
      '1:CWE-710:medium:bastion-taint.unparsable',
      '1:CWE-710:low:bastion-taint.incomplete',
    ]);
  });

  it('refuses output that is not its report', () => {
    expect(() => parsePythonTaint('{}')).toThrow(/not bastion-taint/);
    expect(() => parsePythonTaint('{"tool":"bandit","findings":[]}')).toThrow(/not bastion-taint/);
    expect(() => parsePythonTaint('Traceback (most recent call last):')).toThrow();
  });

  it('runs the precompiled analyzer in isolated mode, last of the Python analyzers', () => {
    expect(bastionTaintArgv('main.py')).toEqual(['python3', '-I', '-S', BASTION_TAINT, 'main.py']);
    const spec = analyzersFor('python', 'main.py').find((a) => a.name === 'bastion-taint');
    expect(spec).toMatchObject({ okExitCodes: [0], output: 'stdout', argv: bastionTaintArgv('main.py') });
  });
});
