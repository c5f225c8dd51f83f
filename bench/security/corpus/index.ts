/** Every suite the command line names, as candidates, filtered by language and family. */
import { JULIET_C_FAMILIES, JULIET_JAVA_FAMILIES } from '../families';
import { Settings } from '../settings';
import { bastionPairCandidates } from './bastion-pairs';
import { Candidate } from './case';
import { julietCCandidates } from './juliet-c';
import { julietJavaCandidates } from './juliet-java';
import { purpleLlamaCandidates } from './purplellama';
import { securityEvalCandidates } from './securityeval';
import { openTree, SourceTree } from './tree';

export interface SuiteSource {
  suite: string;
  path: string;
  commit: string | null;
}

export function candidates(s: Settings): { all: Candidate[]; sources: SuiteSource[] } {
  const sources: SuiteSource[] = [];
  const open = (suite: string, path: string): SourceTree => {
    const tree = openTree(path);
    sources.push({ suite, ...tree.describe() });
    return tree;
  };
  const only = (fams: string[]) => new Set(s.families ? fams.filter((f) => s.families!.includes(f)) : fams);
  const all: Candidate[] = [];
  if (s.suites.julietC) all.push(...julietCCandidates(open('juliet-c', s.suites.julietC), only(JULIET_C_FAMILIES)));
  if (s.suites.julietJava)
    all.push(...julietJavaCandidates(open('juliet-java', s.suites.julietJava), only(JULIET_JAVA_FAMILIES)));
  if (s.suites.purplellama) all.push(...purpleLlamaCandidates(open('purplellama', s.suites.purplellama)));
  if (s.suites.securityeval) all.push(...securityEvalCandidates(open('securityeval', s.suites.securityeval)));
  if (s.suites.pairs) {
    all.push(...bastionPairCandidates());
    sources.push({ suite: 'bastion-pairs', path: 'bench/security/pairs', commit: null });
  }
  return {
    all: all.filter((c) => s.languages.includes(c.language) && (!s.families || s.families.includes(c.family))),
    sources,
  };
}
