import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(180_000);

/**
 * The runner's protocol suite (judge-images/runner/test_runner.py: files, limits, verdicts, orphans,
 * kill -1, fork bombs, malformed commands) against the runner inside the built C judge image.
 * runc only: the script's own small container limits are too tight for gcc under gVisor; the
 * sandbox specs cover runsc with Bastion's real settings.
 */
it('passes the runner protocol suite inside bastion-judge-c', () => {
  const script = join(__dirname, '../../../judge-images/runner/test_runner.py');
  const r = spawnSync('python3', [script, 'bastion-judge-c:latest'], { encoding: 'utf8', timeout: 170_000 });
  const failed = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  expect(failed).toEqual([]);
  expect(r.stdout).toContain('ALL PASS');
  expect(r.status).toBe(0);
});
