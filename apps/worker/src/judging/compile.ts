import { BastionConfig } from '@bastion/config';
import { LanguageDef } from '@bastion/contracts';
import { CONTAINER_HEADROOM_MB, javaEntry } from '@bastion/judging';
import { RunnerResult, Sandbox, SandboxError, SandboxTakenDown } from '@bastion/sandbox';

export const COMPILE_OUTPUT_BYTES = 64 * 1024;

const MEMORY_EXCEEDED = '[compilation exceeded the memory limit]';

export type CompileOutcome = { ok: true; output: string } | { ok: false; output: string };

/**
 * Peak memory (KiB) of a step the judge runs before the tests (compiler, analyzer, sanitizer
 * replay): below the container's compile-time limit, so the runner ends a hungry step itself (MLE).
 * Left to the kernel, the out-of-memory kill under gVisor ends the Sentry and with it the sandbox.
 */
export function stepMemoryKb(config: BastionConfig): number {
  return (config.sandbox.compileMemoryMb - CONTAINER_HEADROOM_MB) * 1024;
}

/**
 * Writes the source into the sandbox and compiles it there once, under its own time and output
 * limits: a compile bomb or a compiler flood is the student's CE, not a hung worker.
 */
export async function compileIn(
  box: Sandbox,
  lang: LanguageDef,
  source: string,
  config: BastionConfig,
): Promise<CompileOutcome> {
  // Java: the class that declares main is run, whatever its name; without one, or with several
  // and none public, nothing is compiled (CE, with the reason).
  const entry = lang.id === 'java' ? javaEntry(source) : null;
  if (entry && !entry.ok) return { ok: false, output: entry.message };
  await box.writeFile(lang.sourceFile, entry?.source ?? source);
  if (!lang.compile) return { ok: true, output: '' };
  return compileCommand(box, lang.compile, config);
}

/** Runs a compiler command in the sandbox under the compile limits. */
export async function compileCommand(box: Sandbox, argv: string[], config: BastionConfig): Promise<CompileOutcome> {
  const ms = config.sandbox.compileTimeMs;
  const cpuMs = ms * config.sandbox.timeFactor;
  let r: RunnerResult;
  let output: string;
  try {
    r = await box.run(argv, Buffer.alloc(0), {
      cpuMs,
      wallMs: cpuMs * 2,
      outputBytes: COMPILE_OUTPUT_BYTES,
      memoryKb: stepMemoryKb(config),
    });
    output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
  } catch (err) {
    // Under gVisor a compiler that grabs memory in one go (#include "/dev/zero") ends the sandbox:
    // judged by what it did, with nothing of the compiler's to show.
    if (!(err instanceof SandboxTakenDown)) throw err;
    [r, output] = [err.result, ''];
  }
  switch (r.status) {
    case 'OK':
      return { ok: true, output };
    case 'ERR':
      throw new SandboxError(`compiler could not start: ${output.slice(0, 500)}`);
    case 'TLE':
      return { ok: false, output: `${output}\n[compilation exceeded ${ms} ms]`.trim() };
    case 'MLE':
      return { ok: false, output: `${output}\n${MEMORY_EXCEEDED}`.trim() };
    case 'OLE':
      return { ok: false, output: `${output}\n[compiler output exceeded ${COMPILE_OUTPUT_BYTES} bytes]` };
    case 'RE':
      return { ok: false, output: output || `compiler exited with code ${r.exitCode ?? `signal ${r.signal}`}` };
  }
}
