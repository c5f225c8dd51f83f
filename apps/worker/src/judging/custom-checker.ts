import { BastionConfig } from '@bastion/config';
import { CustomChecker, VALIDATOR_ACCEPT, VALIDATOR_REJECT } from '@bastion/contracts';
import { CheckResult } from '@bastion/judging';
import { Sandbox, SandboxError } from '@bastion/sandbox';
import { compileCommand } from './compile';

const FEEDBACK_BYTES = 16 * 1024;
const VALIDATOR_TIME_MS = 10_000;

/**
 * Wraps the validator so one RUN yields its verdict (exit code) and its judge message (stdout):
 * the Kattis contract ignores a validator's own stdout and stderr.
 */
const WRAPPER = [
  'rm -rf fb && mkdir fb',
  '"$@" > /dev/null 2>&1',
  'code=$?',
  'head -c 4096 fb/judgemessage.txt 2>/dev/null',
  'exit $code',
].join('\n');

/**
 * A problem's own output validator, compiled once per submission in a sandbox of its own (it reads
 * untrusted program output; the answers it needs never enter the submission's sandbox).
 */
export class CustomCheckerSession {
  private constructor(
    private readonly box: Sandbox,
    private readonly argv: string[],
  ) {}

  static async open(box: Sandbox, spec: CustomChecker, config: BastionConfig): Promise<CustomCheckerSession> {
    for (const [name, b64] of Object.entries(spec.files)) await box.writeFile(name, Buffer.from(b64, 'base64'));
    await box.writeFile('wrap.sh', WRAPPER, 0o755);
    let argv: string[];
    if (spec.language === 'cpp') {
      const sources = Object.keys(spec.files).filter((n) => /\.(cpp|cc|cxx)$/.test(n));
      const built = await compileCommand(box, ['g++', '-std=c++17', '-O2', '-o', 'validator', ...sources], config);
      if (!built.ok)
        throw new SandboxError(`the problem's output validator does not compile:\n${built.output.slice(0, 2000)}`);
      argv = ['./validator'];
    } else {
      argv = ['python3', Object.keys(spec.files).find((n) => n.endsWith('.py')) as string];
    }
    return new CustomCheckerSession(box, [...argv, 'in', 'ans', 'fb/', ...spec.flags]);
  }

  async check(input: Buffer, answer: Buffer, output: Buffer): Promise<CheckResult> {
    await this.box.writeFile('in', input);
    await this.box.writeFile('ans', answer);
    const r = await this.box.run(['sh', 'wrap.sh', ...this.argv], output, {
      cpuMs: VALIDATOR_TIME_MS,
      wallMs: VALIDATOR_TIME_MS * 2,
      outputBytes: FEEDBACK_BYTES,
      memoryKb: 0,
    });
    const message = r.stdout.toString('utf8').trim();
    if (r.status === 'OK' || r.status === 'RE') {
      if (r.exitCode === VALIDATOR_ACCEPT) return { ok: true, message };
      if (r.exitCode === VALIDATOR_REJECT) return { ok: false, message: message || 'rejected by the output validator' };
    }
    // Anything else is the validator's failure, never the student's.
    throw new SandboxError(`output validator failed (${r.status}, exit ${r.exitCode}, signal ${r.signal}): ${message}`);
  }
}
