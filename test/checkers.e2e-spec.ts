import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

// The longest test takes about 5 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

const PERMUTATION_VALIDATOR_PY = `import sys
inp, ans, fb = sys.argv[1], sys.argv[2], sys.argv[3]
want = sorted(open(ans).read().split())
got = sys.stdin.read().split()
if sorted(got) == want:
    sys.exit(42)
open(fb + 'judgemessage.txt', 'w').write('not a permutation of the input: got %d numbers' % len(got))
sys.exit(43)
`;

const WITHIN_ONE_VALIDATOR_CPP = `#include <fstream>
#include <iostream>
#include <string>
#include <cstdlib>
int main(int argc, char** argv) {
  std::ifstream ans(argv[2]);
  long long want; ans >> want;
  long long got;
  if (!(std::cin >> got)) { std::ofstream(std::string(argv[3]) + "judgemessage.txt") << "no number"; return 43; }
  if (std::llabs(got - want) <= 1) return 42;
  std::ofstream(std::string(argv[3]) + "judgemessage.txt") << "off by " << std::llabs(got - want);
  return 43;
}
`;

describe('output checkers (built-in flags and custom validators)', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const id = Date.now().toString(36);

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** Imports the shuffle problem (a Python validator accepts any permutation of the answer). */
  async function shuffle(slug: string) {
    const r = await admin.importProblem(
      {
        'problem.yaml': 'name: Shuffle\nvalidation: custom\n',
        'output_validators/perm/validate.py': PERMUTATION_VALIDATOR_PY,
        'data/sample/1.in': '3 1 2\n',
        'data/sample/1.ans': '1 2 3\n',
        'data/secret/1.in': '5 4 9\n',
        'data/secret/1.ans': '4 5 9\n',
      },
      slug,
    );
    expect(r.status).toBe(201);
    return r;
  }

  it('runs a Python output validator in its own sandbox and stores its feedback', async () => {
    const slug = `perm-${id}`;
    const r = await shuffle(slug);
    expect(r.body.checker).toEqual({ type: 'custom', language: 'python' });

    const reversed = await admin.submit(slug, 'python', 'print(*reversed(input().split()))\n');
    expect((await admin.result(reversed)).verdict).toBe('AC');

    const wrong = await admin.result(await admin.submit(slug, 'python', 'print(input().split()[0])\n'));
    expect(wrong.verdict).toBe('WA');
    expect(wrong.tests[0].message).toMatch(/not a permutation of the input: got 1 numbers/);
  });

  it('compiles a C++ output validator once and uses it for every test', async () => {
    const slug = `near-${id}`;
    const r = await admin.importProblem(
      {
        'problem.yaml': 'name: Near enough\nvalidation: custom\n',
        'output_validators/near/near.cpp': WITHIN_ONE_VALIDATOR_CPP,
        'data/sample/1.in': '10\n',
        'data/sample/1.ans': '10\n',
      },
      slug,
    );
    expect(r.status).toBe(201);
    const near = await admin.result(
      await admin.submit(slug, 'c', '#include <stdio.h>\nint main(){int x;scanf("%d",&x);printf("%d\\n",x+1);}\n'),
    );
    expect(near.verdict).toBe('AC');
    const far = await admin.result(
      await admin.submit(slug, 'c', '#include <stdio.h>\nint main(){int x;scanf("%d",&x);printf("%d\\n",x+5);}\n'),
    );
    expect(far.verdict).toBe('WA');
    expect(far.tests[0].message).toBe('off by 5');
  });

  it('exports a problem as a Kattis package that imports back as the same problem', async () => {
    await shuffle(`perm-export-${id}`);
    const r = await fetch(`${system.baseUrl}/api/v1/problems/perm-export-${id}/export`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await r.arrayBuffer())]), 'perm.zip');
    form.append('slug', `perm-export-copy-${id}`);
    const imported = await admin.request('POST', '/problems/import', form);
    expect(imported.status).toBe(201);
    const [a, b] = await Promise.all([
      admin.request('GET', `/problems/perm-export-${id}`),
      admin.request('GET', `/problems/perm-export-copy-${id}`),
    ]);
    // The copy's time limit is the same, but it now comes from its package rather than the default.
    const same = (p: any) => ({ ...p, id: undefined, slug: undefined, timeLimitSource: undefined });
    expect(same(b.body)).toEqual(same(a.body));
    expect(imported.body.tests).toBe(2);
    const again = await admin.result(
      await admin.submit(`perm-export-copy-${id}`, 'python', 'print(*reversed(input().split()))\n'),
    );
    expect(again.verdict).toBe('AC'); // the custom validator came along
  });

  it('treats a broken validator as the judge failing (IE), not the student', async () => {
    const slug = `broken-${id}`;
    await admin.importProblem(
      {
        'problem.yaml': 'name: Broken\nvalidation: custom\n',
        'output_validators/x/x.cpp': 'this is not C++',
        'data/sample/1.in': '1\n',
        'data/sample/1.ans': '1\n',
      },
      slug,
    );
    const r = await admin.result(await admin.submit(slug, 'python', 'print(1)\n'));
    expect(r).toMatchObject({ status: 'failed', verdict: 'IE' });
  });

  it('applies float tolerance from validator_flags', async () => {
    const slug = `pi-${id}`;
    await admin.importProblem(
      {
        'problem.yaml': 'name: Pi\nvalidator_flags: float_tolerance 1e-3\n',
        'data/sample/1.in': '\n',
        'data/sample/1.ans': '3.14159\n',
      },
      slug,
    );
    expect((await admin.result(await admin.submit(slug, 'python', 'print(3.1412)\n'))).verdict).toBe('AC');
    expect((await admin.result(await admin.submit(slug, 'python', 'print(3.2)\n'))).verdict).toBe('WA');
  });
});
