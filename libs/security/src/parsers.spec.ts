import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Finding } from './findings';
import {
  normalizePath,
  parseAstGrep,
  banditSeverity,
  BANDIT_CHECKS,
  BANDIT_CWES,
  BANDIT_IGNORED,
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
      '16:CWE-690:high:-Wanalyzer-possible-null-dereference',
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
    // Calls whose danger depends on the data are notes: bastion-taint grades them by what reaches them.
    expect(brief(found)).toEqual([
      '15:CWE-95:low:B307:blacklist',
      '16:CWE-78:low:B605:start_process_with_a_shell',
      '17:CWE-78:low:B602:subprocess_popen_with_shell_equals_true',
      '18:CWE-502:low:B301:blacklist',
      '19:CWE-502:low:B506:yaml_load',
      '22:CWE-338:low:B311:blacklist',
      '23:CWE-327:low:B303:blacklist',
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
    // An unknown check's own severity counts up to medium (it may not be evidence of a weakness).
    expect(parseBandit(JSON.stringify(doc))).toEqual([
      expect.objectContaining({ cwe: 'CWE-400', severity: 'low', file: 'main.py', line: 3, column: 5 }),
    ]);
    expect(() => parseBandit('{}')).toThrow(/not bandit/);
  });

  it('reports checks of APIs unsafe whatever the data at a fixed severity, and no imports', () => {
    const result = (id: string, severity = 'MEDIUM', confidence = 'HIGH') => ({
      test_id: id,
      test_name: 'x',
      issue_severity: severity,
      issue_confidence: confidence,
      filename: 'main.py',
      line_number: 2,
    });
    const doc = {
      results: [
        result('B201', 'HIGH'), // app.run(debug=True)
        result('B501', 'HIGH'), // verify=False
        result('B305'), // ECB
        result('B306'), // mktemp
        result('B323'), // _create_unverified_context
        result('B103', 'HIGH'), // chmod o+w: bandit's own severity
        result('B505', 'MEDIUM'), // a 1024-bit RSA key: bandit's own
        result('B104'), // 0.0.0.0
        result('B402', 'HIGH'), // import ftplib
        result('B413', 'HIGH'), // import Crypto
        result('B101', 'LOW'), // assert
        result('B322', 'HIGH'), // input()
      ],
    };
    expect(brief(parseBandit(JSON.stringify(doc)))).toEqual([
      '2:CWE-215:high:B201:x',
      '2:CWE-295:high:B501:x',
      '2:CWE-327:high:B305:x',
      '2:CWE-377:high:B306:x',
      '2:CWE-295:high:B323:x',
      '2:CWE-732:high:B103:x',
      '2:CWE-326:medium:B505:x',
      '2:CWE-605:medium:B104:x',
    ]);
  });

  it("maps every check of bandit 1.6.2 and later to a CWE, from bandit's documentation", () => {
    // The test ids of Debian bookworm's bandit 1.6.2 (its plugins and blacklists) and of bandit 1.8.
    const ids = [
      ...'B101 B102 B103 B104 B105 B106 B107 B108 B110 B112 B201 B301 B302 B303 B304 B305 B306 B307 B308'.split(' '),
      ...'B309 B310 B311 B312 B313 B314 B315 B316 B317 B318 B319 B320 B321 B322 B323 B324 B325 B401'.split(' '),
      ...'B402 B403 B404 B405 B406 B407 B408 B409 B410 B411 B412 B413 B501 B502 B503 B504 B505 B506'.split(' '),
      ...'B507 B601 B602 B603 B604 B605 B606 B607 B608 B609 B610 B611 B701 B702 B703'.split(' '),
      ...'B113 B202 B414 B415 B508 B509 B612 B613 B614 B615 B704'.split(' '),
    ];
    for (const id of ids) {
      expect({ id, cwe: BANDIT_CWES[id] }).toEqual({ id, cwe: expect.stringMatching(/^CWE-\d+$/) });
      expect(BANDIT_CHECKS[id].banditCwe).toBeGreaterThan(0);
    }
    expect(Object.keys(BANDIT_CHECKS).sort()).toEqual([...ids].sort());
    // bandit's own CWE unless Bastion's is more precise
    expect(BANDIT_CWES.B602).toBe('CWE-78');
    expect(BANDIT_CWES.B307).toBe('CWE-95');
    expect(BANDIT_CWES.B506).toBe('CWE-502');
    expect(BANDIT_CWES.B201).toBe('CWE-215');
    expect(BANDIT_CHECKS.B201.banditCwe).toBe(94);
    for (const id of ids.filter((i) => /^B4/.test(i))) expect(BANDIT_IGNORED.has(id)).toBe(true);
    expect([...BANDIT_IGNORED].filter((i) => !/^B4/.test(i)).sort()).toEqual(['B101', 'B322', 'B603', 'B606', 'B607']);
  });

  it("grades by the table: a fixed severity, or bandit's up to a cap; low confidence one step down", () => {
    expect(banditSeverity('B501', 'HIGH')).toBe('high');
    expect(banditSeverity('B501', 'HIGH', 'LOW')).toBe('medium');
    expect(banditSeverity('B602', 'HIGH')).toBe('low');
    expect(banditSeverity('B103', 'HIGH')).toBe('high');
    expect(banditSeverity('B103', 'MEDIUM')).toBe('medium');
    expect(banditSeverity('B999', 'HIGH')).toBe('medium');
    expect(banditSeverity('B999', 'LOW')).toBe('low');
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
