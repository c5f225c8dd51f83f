import { BastionConfig } from '@bastion/config';
import { LanguageDef } from '@bastion/contracts';
import { Sandbox, SandboxError } from '@bastion/sandbox';

export const COMPILE_OUTPUT_BYTES = 64 * 1024;

export type CompileOutcome = { ok: true; output: string } | { ok: false; output: string };

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
  await box.writeFile(lang.sourceFile, source);
  if (!lang.compile) return { ok: true, output: '' };
  return compileCommand(box, lang.compile, config);
}

/** Runs a compiler command in the sandbox under the compile limits. */
export async function compileCommand(box: Sandbox, argv: string[], config: BastionConfig): Promise<CompileOutcome> {
  const ms = config.sandbox.compileTimeMs;
  const r = await box.run(argv, Buffer.alloc(0), {
    cpuMs: ms,
    wallMs: ms * 2,
    outputBytes: COMPILE_OUTPUT_BYTES,
    memoryKb: 0,
  });
  const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
  switch (r.status) {
    case 'OK':
      return { ok: true, output };
    case 'ERR':
      throw new SandboxError(`compiler could not start: ${output.slice(0, 500)}`);
    case 'TLE':
      return { ok: false, output: `${output}\n[compilation exceeded ${ms} ms]`.trim() };
    case 'MLE':
      return { ok: false, output: `${output}\n[compilation exceeded the memory limit]`.trim() };
    case 'OLE':
      return { ok: false, output: `${output}\n[compiler output exceeded ${COMPILE_OUTPUT_BYTES} bytes]` };
    case 'RE':
      return { ok: false, output: output || `compiler exited with code ${r.exitCode ?? `signal ${r.signal}`}` };
  }
}
