import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Finding } from './findings';
import {
  normalizePath,
  parseAstGrep,
  parseBandit,
  parseCsv,
  parseEslint,
  parseFlawfinder,
  parseGccAnalyzer,
} from './parsers';

// Real outputs, captured by running the tools in the judge images over __fixtures__/vulnerable.*.
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const brief = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.cwe}:${f.severity}:${f.ruleId}`);

describe('parseAstGrep', () => {
  it('reads the JSON stream with rule metadata, 1-based positions', () => {
    const found = parseAstGrep(fixture('ast-grep-c.jsonl'));
    expect(found).toHaveLength(7);
    const gets = found.find((f) => f.ruleId === 'c-gets');
    expect(gets).toEqual({
      tool: 'ast-grep',
      ruleId: 'c-gets',
      cwe: 'CWE-242',
      severity: 'critical',
      file: 'main.c',
      line: 8,
      column: 5,
      message: expect.stringMatching(/gets\(\)/),
      fixHint: expect.stringMatching(/fgets/),
    });
  });

  it('falls back to the ast-grep level and skips matches without a CWE', () => {
    const line = (o: object) => JSON.stringify(o);
    const found = parseAstGrep(
      [
        line({
          ruleId: 'x',
          file: './a.c',
          severity: 'warning',
          range: { start: { line: 0, column: 0 } },
          metadata: { cwe: '78' },
        }),
        line({ ruleId: 'y', file: 'a.c', severity: 'error', range: { start: { line: 1, column: 2 } } }),
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      expect.objectContaining({ ruleId: 'x', file: 'a.c', cwe: 'CWE-78', severity: 'medium', line: 1, column: 1 }),
    ]);
    expect(() => parseAstGrep('not json')).toThrow();
  });
});

describe('parseFlawfinder', () => {
  it('reads flawfinder --csv with CWEs, levels and suggestions', () => {
    const found = parseFlawfinder(fixture('flawfinder.csv'));
    expect(brief(found)).toEqual([
      '8:CWE-120:critical:flawfinder.buffer.gets',
      '9:CWE-120:high:flawfinder.buffer.strcpy',
      '10:CWE-120:high:flawfinder.buffer.strcat',
      '11:CWE-120:high:flawfinder.buffer.sprintf',
      '12:CWE-120:high:flawfinder.buffer.scanf',
      '13:CWE-134:high:flawfinder.format.printf',
      '14:CWE-78:high:flawfinder.shell.system',
      '6:CWE-119:low:flawfinder.buffer.char',
      '7:CWE-119:low:flawfinder.buffer.char',
    ]);
    expect(found[0]).toMatchObject({ tool: 'flawfinder', file: 'main.c', column: 5, fixHint: 'Use fgets() instead.' });
    expect(found[0].message).toMatch(/^gets: Does not check for buffer overflows/);
  });

  it('accepts an empty report and refuses what is not flawfinder CSV', () => {
    expect(parseFlawfinder('')).toEqual([]);
    expect(parseFlawfinder('File,Line,Column,DefaultLevel,Level,Category,Name,Warning,Suggestion,Note,CWEs\n')).toEqual(
      [],
    );
    expect(() => parseFlawfinder('hello,world\n1,2\n')).toThrow(/not flawfinder/);
  });

  it('parses quoted CSV', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n"x\ny",z')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['x\ny', 'z'],
    ]);
  });
});

describe('parseGccAnalyzer', () => {
  it('reads -fanalyzer warnings with their CWE tags and skips notes', () => {
    const found = parseGccAnalyzer(fixture('gcc-analyzer.txt'));
    expect(brief(found)).toEqual([
      '16:CWE-690:medium:-Wanalyzer-possible-null-dereference',
      '18:CWE-415:critical:-Wanalyzer-double-free',
    ]);
    expect(found[1]).toMatchObject({
      tool: 'gcc-analyzer',
      file: 'main.c',
      column: 5,
      message: "double-'free' of 'p'",
    });
  });

  it('maps untagged security warnings by option and ignores the rest', () => {
    const found = parseGccAnalyzer(
      [
        'main.c:3:5: warning: format not a string literal and no format arguments [-Wformat-security]',
        "main.c:4:5: warning: unused variable 'x' [-Wunused-variable]",
        '/usr/include/stdio.h:1:1: warning: x [CWE-476] [-Wanalyzer-null-argument]',
        'garbage',
      ].join('\n'),
    );
    expect(brief(found)).toEqual(['3:CWE-134:high:-Wformat-security', '1:CWE-476:high:-Wanalyzer-null-argument']);
    expect(found[1].file).toBe('/usr/include/stdio.h');
  });
});

describe('parseBandit', () => {
  it('reads bandit -f json (Debian bookworm bandit 1.6.2: no issue_cwe, no col_offset)', () => {
    const found = parseBandit(fixture('bandit.json'));
    expect(brief(found)).toEqual([
      '15:CWE-95:medium:B307:blacklist',
      '16:CWE-78:high:B605:start_process_with_a_shell',
      '17:CWE-78:high:B602:subprocess_popen_with_shell_equals_true',
      '18:CWE-502:medium:B301:blacklist',
      '19:CWE-502:medium:B506:yaml_load',
      '22:CWE-338:low:B311:blacklist',
      '23:CWE-327:medium:B303:blacklist',
    ]);
    expect(found[0]).toMatchObject({ tool: 'bandit', file: 'main.py', column: 1 });
  });

  it('uses issue_cwe of newer bandits for unmapped tests and lowers low-confidence issues', () => {
    const doc = {
      results: [
        {
          test_id: 'B999',
          issue_severity: 'HIGH',
          issue_confidence: 'LOW',
          issue_cwe: { id: 400 },
          filename: './main.py',
          line_number: 3,
          col_offset: 4,
          issue_text: 't',
        },
        { test_id: 'B998', issue_severity: 'HIGH', filename: 'main.py', line_number: 1 },
      ],
    };
    expect(parseBandit(JSON.stringify(doc))).toEqual([
      expect.objectContaining({ cwe: 'CWE-400', severity: 'medium', file: 'main.py', line: 3, column: 5 }),
    ]);
    expect(() => parseBandit('{}')).toThrow(/not bandit/);
  });
});

describe('parseEslint', () => {
  it('reads eslint --format json with eslint-plugin-security rules', () => {
    const found = parseEslint(fixture('eslint.json'));
    expect(brief(found)).toEqual([
      '4:CWE-95:high:security/detect-eval-with-expression',
      '4:CWE-95:high:no-eval',
      '5:CWE-95:high:no-new-func',
      '6:CWE-78:high:security/detect-child-process',
      '8:CWE-1333:medium:security/detect-non-literal-regexp',
    ]);
    expect(found[0]).toMatchObject({ tool: 'eslint', file: 'main.js', column: 13 });
  });

  it('skips parse errors and unknown rules', () => {
    const doc = [
      {
        filePath: '/box/main.js',
        messages: [
          { ruleId: null, fatal: true, message: 'Parsing error', line: 1, column: 1 },
          { ruleId: 'semi', line: 2 },
        ],
      },
    ];
    expect(parseEslint(JSON.stringify(doc))).toEqual([]);
    expect(() => parseEslint('{}')).toThrow(/not eslint/);
  });
});

it('normalizes paths in the sandbox work dir', () => {
  expect(normalizePath('/box/main.c')).toBe('main.c');
  expect(normalizePath('./main.py')).toBe('main.py');
  expect(normalizePath('main.js')).toBe('main.js');
});
