/**
 * s2e-lab/SecurityEval: Testcases_Insecure_Code/CWE-<n>/<name>.py, insecure Python examples labelled
 * by their folder's CWE (about 120 files over about 70 CWEs). Vulnerable-only: the suite has no
 * safe twins. Comments are stripped; docstrings (the task's prompt) are kept, as code a student
 * writes would have them. Some files are Python 2: those are judged, and reported, as CE.
 */
import { stripPythonComments } from './annotated';
import { Candidate } from './case';
import { SourceTree } from './tree';

const FILE = /^Testcases_Insecure_Code\/CWE-0*(\d+)\/([\w.-]+)\.py$/;

export function securityEvalCandidates(tree: SourceTree): Candidate[] {
  return tree.list('Testcases_Insecure_Code/').flatMap((path) => {
    const m = FILE.exec(path);
    if (!m) return [];
    const family = `CWE${m[1]}`;
    const id = `securityeval:${family}/${m[2]}`;
    const c: Candidate = {
      id,
      suite: 'securityeval',
      language: 'python',
      family,
      variant: id,
      build: () => ({
        id,
        suite: 'securityeval',
        language: 'python',
        family,
        variant: id,
        vulnerable: stripPythonComments(tree.read(path)),
        safe: null,
      }),
    };
    return [c];
  });
}
