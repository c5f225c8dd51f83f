import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, sandboxRuntime, startSystem } from './support/system';

// The longest pair takes about 3 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

/**
 * "False positives are bugs": for every language, three weaknesses of different CWE classes, each
 * as a working-but-unsafe program and an idiomatic safe one solving the same problem. The unsafe one
 * is named with its CWE and line and loses security points; the safe one keeps full marks.
 */
interface Pair {
  language: string;
  cwe: string;
  /** Line of the weakness in `unsafe` (1-based). */
  line: number;
  unsafe: string;
  safe: string;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const C_READ = [
  '  char name[64];',
  '  if (!fgets(name, sizeof name, stdin)) return 1;',
  '  name[strcspn(name, "\\n")] = 0;',
];
const C_SAFE = lines(
  '#include <stdio.h>',
  '#include <string.h>',
  'int main(void) {',
  ...C_READ,
  '  printf("Hello, %s!\\n", name);',
  '  return 0;',
  '}',
);
const CPP_SAFE = lines(
  '#include <iostream>',
  '#include <string>',
  'int main() {',
  '  std::string name;',
  '  std::cin >> name;',
  '  std::cout << "Hello, " << name << "!\\n";',
  '}',
);
const PY_SAFE = lines('name = input().strip()', 'print(f"Hello, {name}!")');
const JAVA_READ = '    String name = new BufferedReader(new InputStreamReader(System.in)).readLine().trim();';
const JS_READ = "const name = require('fs').readFileSync(0, 'utf8').trim();";
const JS_SAFE = lines(JS_READ, 'console.log(`Hello, ${name}!`);');

const PAIRS: Pair[] = [
  {
    language: 'c',
    cwe: 'CWE-242',
    line: 4,
    unsafe: lines(
      '#include <stdio.h>',
      'int main(void) {',
      '  char name[64];',
      '  gets(name);',
      '  printf("Hello, %s!\\n", name);',
      '  return 0;',
      '}',
    ),
    safe: C_SAFE,
  },
  {
    language: 'c',
    cwe: 'CWE-120',
    line: 8,
    unsafe: lines(
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      ...C_READ,
      '  char copy[64];',
      '  strcpy(copy, name);',
      '  printf("Hello, %s!\\n", copy);',
      '  return 0;',
      '}',
    ),
    safe: lines(
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      ...C_READ,
      '  char copy[64];',
      '  snprintf(copy, sizeof copy, "%s", name);',
      '  printf("Hello, %s!\\n", copy);',
      '  return 0;',
      '}',
    ),
  },
  {
    language: 'c',
    cwe: 'CWE-134',
    line: 8,
    unsafe: lines(
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      ...C_READ,
      '  printf("Hello, ");',
      '  printf(name);',
      '  printf("!\\n");',
      '  return 0;',
      '}',
    ),
    safe: lines(
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      ...C_READ,
      '  printf("Hello, ");',
      '  fputs(name, stdout);',
      '  printf("!\\n");',
      '  return 0;',
      '}',
    ),
  },
  {
    language: 'cpp',
    cwe: 'CWE-120',
    line: 8,
    unsafe: lines(
      '#include <cstring>',
      '#include <iostream>',
      '#include <string>',
      'int main() {',
      '  std::string line;',
      '  std::cin >> line;',
      '  char name[64];',
      '  strcpy(name, line.c_str());',
      '  std::cout << "Hello, " << name << "!\\n";',
      '}',
    ),
    safe: CPP_SAFE,
  },
  {
    language: 'cpp',
    cwe: 'CWE-78',
    line: 8,
    unsafe: lines(
      '#include <cstdlib>',
      '#include <iostream>',
      '#include <string>',
      'int main() {',
      '  std::string name;',
      '  std::cin >> name;',
      '  std::string cmd = "echo \'Hello, " + name + "!\'";',
      '  return std::system(cmd.c_str());',
      '}',
    ),
    safe: CPP_SAFE,
  },
  {
    language: 'cpp',
    cwe: 'CWE-134',
    line: 8,
    unsafe: lines(
      '#include <cstdio>',
      '#include <iostream>',
      '#include <string>',
      'int main() {',
      '  std::string name;',
      '  std::cin >> name;',
      '  std::printf("Hello, ");',
      '  std::printf(name.c_str());',
      '  std::printf("!\\n");',
      '}',
    ),
    safe: CPP_SAFE,
  },
  {
    language: 'python',
    cwe: 'CWE-95',
    line: 2,
    unsafe: lines('name = input().strip()', 'print(eval("f\'Hello, {name}!\'"))'),
    safe: PY_SAFE,
  },
  {
    language: 'python',
    cwe: 'CWE-78',
    line: 3,
    unsafe: lines('import os', 'name = input().strip()', 'os.system("echo \'Hello, " + name + "!\'")'),
    safe: PY_SAFE,
  },
  {
    language: 'python',
    cwe: 'CWE-502',
    line: 3,
    unsafe: lines(
      'import pickle',
      'name = input().strip()',
      'greeting = pickle.loads(pickle.dumps("Hello, " + name + "!"))',
      'print(greeting)',
    ),
    safe: PY_SAFE,
  },
  {
    language: 'java',
    cwe: 'CWE-502',
    line: 9,
    unsafe: lines(
      'import java.io.*;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    ByteArrayOutputStream buf = new ByteArrayOutputStream();',
      '    ObjectOutputStream out = new ObjectOutputStream(buf);',
      '    out.writeObject(name); out.flush();',
      '    ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray()));',
      '    String copy = (String) in.readObject();',
      '    System.out.println("Hello, " + copy + "!");',
      '  }',
      '}',
    ),
    safe: lines(
      'import java.io.*;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    System.out.println("Hello, " + name + "!");',
      '  }',
      '}',
    ),
  },
  {
    language: 'java',
    cwe: 'CWE-328',
    line: 6,
    unsafe: lines(
      'import java.io.*;',
      'import java.security.MessageDigest;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    byte[] id = MessageDigest.getInstance("MD5").digest(name.getBytes("UTF-8"));',
      '    System.out.println("Hello, " + name + "!");',
      '  }',
      '}',
    ),
    safe: lines(
      'import java.io.*;',
      'import java.security.MessageDigest;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    byte[] id = MessageDigest.getInstance("SHA-256").digest(name.getBytes("UTF-8"));',
      '    System.out.println("Hello, " + name + "!");',
      '  }',
      '}',
    ),
  },
  {
    language: 'java',
    cwe: 'CWE-338',
    line: 6,
    unsafe: lines(
      'import java.io.*;',
      'import java.util.Random;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    int sessionToken = new Random().nextInt();',
      '    System.out.println("Hello, " + name + "!");',
      '  }',
      '}',
    ),
    safe: lines(
      'import java.io.*;',
      'import java.security.SecureRandom;',
      'public class Main {',
      '  public static void main(String[] args) throws Exception {',
      JAVA_READ,
      '    int sessionToken = new SecureRandom().nextInt();',
      '    System.out.println("Hello, " + name + "!");',
      '  }',
      '}',
    ),
  },
  {
    language: 'javascript',
    cwe: 'CWE-95',
    line: 2,
    unsafe: lines(JS_READ, 'console.log(eval("`Hello, ${name}!`"));'),
    safe: JS_SAFE,
  },
  {
    language: 'javascript',
    cwe: 'CWE-78',
    line: 3,
    unsafe: lines(
      "const { execSync } = require('child_process');",
      JS_READ,
      'process.stdout.write(execSync("echo \'Hello, " + name + "!\'").toString());',
    ),
    safe: JS_SAFE,
  },
  {
    language: 'javascript',
    cwe: 'CWE-1333',
    line: 2,
    unsafe: lines(JS_READ, 'const plain = new RegExp(name).test(name);', 'console.log(`Hello, ${name}!`);'),
    safe: lines(JS_READ, 'const plain = /^[A-Za-z]+$/.test(name);', 'console.log(`Hello, ${name}!`);'),
  },
];

describe(`vulnerable and safe solutions to the same problem, in all five languages (${sandboxRuntime()})`, () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `greet-pairs-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem({ BASTION_POOL_SIZE: '2' });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const r = await admin.importProblem(
      {
        'problem.yaml': 'name: Greet\nlimits:\n  time_limit: 2\n',
        'bastion.yaml': 'security:\n  weight: 0.5\n',
        'data/sample/1.in': 'Ada\n',
        'data/sample/1.ans': 'Hello, Ada!\n',
        'data/secret/1.in': 'Grace\n',
        'data/secret/1.ans': 'Hello, Grace!\n',
      },
      slug,
    );
    expect(r.status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it.each(PAIRS.map((p) => [p.language, p.cwe, p] as const))(
    '%s %s: unsafe named, safe keeps full marks',
    async (_l, _c, p) => {
      const [unsafe, safe] = await Promise.all([
        admin.result(await admin.submit(slug, p.language, p.unsafe), 90_000),
        admin.result(await admin.submit(slug, p.language, p.safe), 90_000),
      ]);
      // Both work: the difference is security alone.
      expect({ unsafe: unsafe.verdict, safe: safe.verdict }).toEqual({ unsafe: 'AC', safe: 'AC' });
      const hit = unsafe.security.findings.find((f: any) => f.cwe === p.cwe && f.line === p.line);
      expect({
        cwe: p.cwe,
        line: p.line,
        found: unsafe.security.findings.map((f: any) => `${f.cwe}@${f.line} ${f.tool}`),
      }).toEqual(
        expect.objectContaining({
          found: expect.arrayContaining([expect.stringMatching(new RegExp(`^${p.cwe}@${p.line} `))]),
        }),
      );
      expect(hit).toMatchObject({
        cweName: expect.any(String),
        message: expect.any(String),
        fixHint: expect.any(String),
      });
      expect(unsafe.security.score).toBeLessThan(100);
      expect(unsafe.score).toBeLessThan(100);
      if (hit.severity === 'high' || hit.severity === 'critical') {
        expect(unsafe).toMatchObject({ accepted: false, security: { verdict: 'vulnerable' } });
      }
      expect({ findings: safe.security.findings.filter((f: any) => f.severity !== 'low') }).toEqual({ findings: [] });
      expect(safe).toMatchObject({ accepted: true, score: 100, security: { verdict: 'secure', score: 100 } });
    },
  );
});
