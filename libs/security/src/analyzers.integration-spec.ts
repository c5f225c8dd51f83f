import type { LanguageId } from '@bastion/contracts';
import { LANGUAGES } from '@bastion/contracts';
import { Sandbox, SandboxPool } from '@bastion/sandbox';
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzersFor, analyzeWithReport, AnalysisReport, BANDIT, FLAWFINDER } from './analyzers';
import { Finding } from './findings';
import { toSarif } from './sarif';
import { judgeSandbox } from './testing/judge-sandbox';

jest.setTimeout(240_000);

// The analyzers for real, in sandboxes of the judge images (scripts/build-images.sh).
const docker = new Docker();
const workerId = `itest-security-${process.pid}`;
const runtime = process.env.BASTION_ITEST_RUNTIME ?? 'runc';
const settings = (lang: LanguageId) => judgeSandbox(workerId, lang, runtime);
const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const timings: string[] = [];

async function analyzeSource(lang: LanguageId, source: string): Promise<AnalysisReport & { log: string[] }> {
  const box = await Sandbox.start(docker, settings(lang), lang);
  const log: string[] = [];
  try {
    const file = LANGUAGES[lang].sourceFile;
    await box.writeFile(file, source);
    const t0 = Date.now();
    const report = await analyzeWithReport(box, lang, file, { log: (m) => log.push(m) });
    timings.push(
      `${lang}: ${Date.now() - t0} ms total; ` +
        report.runs
          .map((r) => `${r.analyzer} ${r.wallMs} ms (cpu ${r.cpuMs})${r.ok ? '' : ` FAILED ${r.status}`}`)
          .join(', '),
    );
    return { ...report, log };
  } finally {
    await box.destroy();
  }
}

/** `line:CWE` of every finding, for order-free comparison. */
const keys = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.cwe}`);
const high = (fs: Finding[]) => fs.filter((f) => f.severity === 'high' || f.severity === 'critical');

afterAll(async () => {
  await SandboxPool.removeLeftovers(docker, workerId);
  // Measured analyzer run times (see the report of this lib).
  console.log(`security analyzers on ${runtime}:\n  ${timings.join('\n  ')}`);
});

describe(`security analysis in the sandbox (${runtime})`, () => {
  it('finds the weaknesses of a vulnerable C program, with every tool', async () => {
    const r = await analyzeSource('c', fixture('vulnerable.c'));
    expect(r.log).toEqual([]);
    expect(r.runs.map((x) => [x.analyzer, x.ok])).toEqual([
      ['ast-grep', true],
      ['flawfinder', true],
      ['gcc-analyzer', true],
    ]);
    expect(keys(r.findings)).toEqual(
      expect.arrayContaining([
        '8:CWE-242',
        '8:CWE-120',
        '9:CWE-120',
        '10:CWE-120',
        '11:CWE-120',
        '12:CWE-120',
        '13:CWE-134',
        '14:CWE-78',
        '18:CWE-415',
      ]),
    );
    expect(r.findings.find((f) => f.line === 9 && f.cwe === 'CWE-120')?.tool).toBe('ast-grep+flawfinder');
    expect(r.findings.find((f) => f.line === 8 && f.cwe === 'CWE-242')).toMatchObject({
      tool: 'ast-grep',
      severity: 'critical',
    });
    expect(r.findings.find((f) => f.line === 18)).toMatchObject({ tool: 'gcc-analyzer', severity: 'critical' });
    expect(r.findings.find((f) => f.line === 14 && f.cwe === 'CWE-78')?.tool).toBe('ast-grep+flawfinder');
    expect(toSarif(r.findings, { sourceUri: 'main.c' }).runs[0].results?.length).toBe(r.findings.length);
  });

  it('has no high findings for a safe C program', async () => {
    const r = await analyzeSource(
      'c',
      '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n    char line[128];\n    char out[160];\n' +
        '    if (!fgets(line, sizeof line, stdin)) return 1;\n    line[strcspn(line, "\\n")] = 0;\n' +
        '    snprintf(out, sizeof out, "hello %s", line);\n    printf("%s\\n", out);\n    return 0;\n}\n',
    );
    expect(r.runs.every((x) => x.ok)).toBe(true);
    expect(high(r.findings)).toEqual([]);
  });

  it('finds the weaknesses of a vulnerable C++ program', async () => {
    const r = await analyzeSource(
      'cpp',
      '#include <cstdio>\n#include <cstring>\n#include <cstdlib>\nint main(int argc, char** argv) {\n' +
        '    char buf[8];\n    std::strcpy(buf, argv[1]);\n    std::system(argv[2]);\n    std::printf(argv[3]);\n    return 0;\n}\n',
    );
    expect(r.runs.map((x) => [x.analyzer, x.ok])).toEqual([
      ['ast-grep', true],
      ['flawfinder', true],
    ]);
    expect(keys(r.findings)).toEqual(expect.arrayContaining(['6:CWE-120', '7:CWE-78', '8:CWE-134']));
  });

  it('finds the weaknesses of a vulnerable Python program', async () => {
    const r = await analyzeSource('python', fixture('vulnerable.py'));
    expect(r.log).toEqual([]);
    expect(r.runs.map((x) => [x.analyzer, x.ok])).toEqual([
      ['ast-grep', true],
      ['bandit', true],
      ['bastion-taint', true],
    ]);
    expect(keys(r.findings)).toEqual(
      expect.arrayContaining([
        '10:CWE-798',
        '15:CWE-95',
        '16:CWE-78',
        '17:CWE-78',
        '18:CWE-502',
        '19:CWE-502',
        '21:CWE-89',
        '22:CWE-338',
        '23:CWE-327',
      ]),
    );
    // the pattern tools' notes and bastion-taint's graded finding are one finding: input reaches it
    expect(r.findings.find((f) => f.line === 17)).toMatchObject({
      tool: 'ast-grep+bandit+bastion-taint',
      severity: 'critical',
    });
  });

  // Each launcher skips start-up work only: its report must be the Debian command's, byte for byte
  // (bandit's JSON less its timestamp).
  it.each([
    {
      lang: 'python' as const,
      tool: 'bandit',
      quick: ['python3', BANDIT],
      args: ['-f', 'json', '-q', 'main.py'],
      file: 'vulnerable.py',
      exit: 1, // found something
    },
    {
      lang: 'c' as const,
      tool: 'flawfinder',
      quick: FLAWFINDER,
      args: ['--csv', '--columns', '--minlevel=2', '--', 'main.c'],
      file: 'vulnerable.c',
      exit: 0,
    },
  ])("starts $tool quicker with the same report as Debian's $tool command", async (t) => {
    const box = await Sandbox.start(docker, settings(t.lang), t.lang);
    try {
      await box.writeFile(LANGUAGES[t.lang].sourceFile, fixture(t.file));
      const limits = { cpuMs: 20_000, wallMs: 30_000, outputBytes: 4 << 20, memoryKb: 0 };
      const report = async (argv: string[]) => {
        const r = await box.run([...argv, ...t.args], Buffer.alloc(0), limits);
        expect(r.exitCode).toBe(t.exit);
        return r.stdout.toString('utf8').replace(/"generated_at": "[^"]*"/, '');
      };
      const quick = await report(t.quick);
      expect(quick.split('\n').length).toBeGreaterThan(5);
      expect(quick).toEqual(await report([t.tool]));
    } finally {
      await box.destroy();
    }
  });

  it('has no high findings for a safe Python program', async () => {
    const r = await analyzeSource(
      'python',
      'import hashlib\nimport json\nimport secrets\nimport sys\n\n' +
        'data = json.loads(sys.stdin.readline() or "{}")\ntoken = secrets.token_hex(16)\n' +
        'print(hashlib.sha256(str(data).encode()).hexdigest(), len(token))\n',
    );
    expect(r.runs.every((x) => x.ok)).toBe(true);
    expect(high(r.findings)).toEqual([]);
  });

  it('finds the weaknesses of a vulnerable Java program', async () => {
    const r = await analyzeSource('java', fixture('Vulnerable.java'));
    expect(r.log).toEqual([]);
    expect(keys(r.findings)).toEqual(
      expect.arrayContaining(['10:CWE-78', '12:CWE-502', '15:CWE-89', '16:CWE-328', '17:CWE-338']),
    );
  });

  it('has no high findings for a safe Java program', async () => {
    const r = await analyzeSource(
      'java',
      'import java.util.*;\nimport java.security.*;\n\npublic class Main {\n    public static void main(String[] a) throws Exception {\n' +
        '        Scanner sc = new Scanner(System.in);\n        int n = sc.nextInt();\n        Random rnd = new Random(n);\n' +
        '        byte[] token = new byte[16];\n        new SecureRandom().nextBytes(token);\n' +
        '        MessageDigest md = MessageDigest.getInstance("SHA-256");\n        System.out.println(rnd.nextInt(10) + md.digest(token).length);\n    }\n}\n',
    );
    expect(r.runs.every((x) => x.ok)).toBe(true);
    expect(r.findings).toEqual([]);
  });

  it('finds the weaknesses of a vulnerable JavaScript program', async () => {
    const r = await analyzeSource('javascript', fixture('vulnerable.js'));
    expect(r.log).toEqual([]);
    expect(r.runs.map((x) => [x.analyzer, x.ok])).toEqual([
      ['ast-grep', true],
      ['eslint', true],
    ]);
    expect(keys(r.findings)).toEqual(
      expect.arrayContaining(['4:CWE-95', '5:CWE-95', '6:CWE-78', '7:CWE-78', '8:CWE-1333', '9:CWE-338', '11:CWE-79']),
    );
    expect(r.findings.find((f) => f.line === 4)?.tool).toBe('ast-grep+eslint');
  });

  it('has no high findings for a safe JavaScript program', async () => {
    const r = await analyzeSource(
      'javascript',
      "const crypto = require('crypto');\nconst input = require('fs').readFileSync(0, 'utf8');\n" +
        "const n = Number(input.trim());\nconst token = crypto.randomBytes(16).toString('hex');\n" +
        "const re = /^[a-z]+$/;\nconsole.log(n * 2, token.length, re.test('abc'));\n",
    );
    expect(r.runs.every((x) => x.ok)).toBe(true);
    expect(high(r.findings)).toEqual([]);
  });

  it('survives sources that are not programs at all', async () => {
    const junk = '\u0000\u00ff'.repeat(1000) + '(((((((((('.repeat(2000) + '"unterminated';
    for (const lang of ['c', 'python', 'javascript'] as LanguageId[]) {
      const r = await analyzeSource(lang, junk);
      // Every analyzer of the language ran to a report it could parse: none failed on the junk.
      expect(r.runs.map((x) => x.analyzer)).toEqual(analyzersFor(lang, LANGUAGES[lang].sourceFile).map((a) => a.name));
      expect(r.runs.filter((x) => !x.ok).map((x) => x.analyzer)).toEqual([]);
      expect(r.log).toEqual([]);
    }
  });
});
