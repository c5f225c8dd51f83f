import { LANGUAGES, LanguageId } from '@bastion/contracts';
import type { SandboxSettings } from '@bastion/sandbox';

/** A sandbox of a judge image (scripts/build-images.sh) for this lib's integration tests. */
export const judgeSandbox = (workerId: string, lang: LanguageId, runtime: string): SandboxSettings => ({
  workerId,
  image: `bastion-judge-${LANGUAGES[lang].image}:latest`,
  runtime,
  memoryMb: 1024,
  cpus: 1,
  pidsLimit: 64,
  workdirMb: 64,
});
