/**
 * Security benchmark (a benchmark, not a test): public suites read at run time from the folders
 * given on the command line, plus Bastion's own pairs, judged through the running system as
 * vulnerable programs and safe twins; prints per part (tuning / held-out), language and CWE family
 * how many vulnerable programs were found `vulnerable`, with a CWE of the right family, and how
 * many safe ones were wrongly found `vulnerable`, and what the checks add to a verdict's latency.
 *
 *   npm run up                 (it signs in as the admin, whom the submission limit does not apply to)
 *   npm run bench:security -- --juliet-c <git dir> --juliet-java <git dir> --purplellama <git dir> \
 *     --securityeval <git dir> --per-family 3
 *
 * See bench/security/README.md for the suites, the selection rules, the split and the measures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { RateLimited, signIn } from './api';
import { checkBuilds } from './buildable';
import { Checkpoint } from './checkpoint';
import { candidates } from './corpus';
import { importProblems, INPUTS, Judged, judgeAll, jobsOf } from './judge';
import { measureLatency } from './latency';
import { bySuite, patterns, printPatterns, printTable, tabulate } from './report';
import { ROOT, runFacts, writeResults } from './results';
import { parseSettings, Settings } from './settings';
import { Sampled, sample, TUNING_SHARE } from './split';

const EXT: Record<string, string> = { c: 'c', cpp: 'cpp', python: 'py', java: 'java', javascript: 'js' };

/** Writes the tuning part's programs for reading (never the held-out part, never into the repository). */
function dump(dir: string, sampled: Sampled[]): void {
  const out = resolve(dir);
  if (!relative(ROOT, out).startsWith('..')) throw new Error(`--dump ${dir}: choose a folder outside the repository`);
  for (const { part, case: c } of sampled) {
    if (part !== 'tuning') continue;
    const folder = join(out, c.language, c.family, c.id.replace(/[^\w.-]+/g, '_'));
    mkdirSync(folder, { recursive: true });
    for (const twin of ['vulnerable', 'safe'] as const)
      if (c[twin] !== null) writeFileSync(join(folder, `${twin}.${EXT[c.language]}`), c[twin]!);
  }
  console.log(`wrote the tuning part's programs under ${out}`);
}

function printCorpus(sampled: Sampled[], skipped: Record<string, number>, s: Settings): void {
  const byKey = new Map<string, number>();
  for (const { part, case: c } of sampled) {
    const k = `${c.suite}/${c.language} ${part}`;
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  console.log(`Corpus: up to ${s.perFamily} cases per suite, language and family in each part`);
  for (const [k, n] of [...byKey].sort()) console.log(`  ${k.padEnd(36)} ${n} cases`);
  const why = Object.entries(skipped);
  if (why.length) console.log(`  passed over: ${why.map(([r, n]) => `${n} ${r}`).join('; ')}`);
}

async function main(): Promise<number> {
  const s = parseSettings(process.argv.slice(2));
  const started = new Date();
  const { all, sources } = candidates(s);
  if (!all.length) throw new Error('no cases: name at least one suite (see --help)');
  const { sampled, stats } = await sample(all, s.perFamily, s.parts, checkBuilds);
  printCorpus(sampled, stats.skipped, s);
  if (s.dryRun) {
    if (s.dump) dump(s.dump, sampled);
    return 0;
  }

  await signIn();
  const jobs = jobsOf(sampled);
  const stamp = started.toISOString().replace(/\D/g, '').slice(0, 14);
  const checkpoint = s.resume ? new Checkpoint(s.resume) : Checkpoint.fresh(stamp);
  const todo = jobs.filter((j) => !checkpoint.get(j));
  const { slug, off } = await importProblems(stamp, s.latency > 0);
  console.log(
    `Judging ${todo.length} programs on ${slug}, ${s.concurrency} at a time (${jobs.length - todo.length} from the checkpoint)`,
  );
  console.log(`  checkpoint ${checkpoint.file}: if stopped, run the same command with --resume ${checkpoint.file}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`\n✗ stopped by ${signal}; ${checkpoint.size} results kept: add --resume ${checkpoint.file}`);
      process.exit(130);
    });
  const t0 = Date.now();
  let failed = 0;
  await judgeAll(slug, todo, s.concurrency, s.timeoutMs, (done, job, j) => {
    checkpoint.add(job, j);
    // counts only: a case's outcome is not shown before the tables (held-out cases are not for reading)
    failed += j.status === 'done' ? 0 : 1;
    if (done % 50 === 0 || done === todo.length)
      console.log(`  ${done}/${todo.length} judged, ${failed} not done (${Math.round((Date.now() - t0) / 1000)} s)`);
  });
  const results: Judged[] = jobs.map((j) => checkpoint.get(j)!);
  const latency = off ? await measureLatency(slug, off, jobs, s.latency, s.timeoutMs) : [];

  const table = tabulate(results);
  const suites = bySuite(results);
  printTable(table, suites);
  // the rules behind the figures, for the tuning part only: the held-out part is for measuring
  const found = { tuning: patterns(results, 'tuning') };
  printPatterns('tuning', found.tuning);
  if (latency.length) {
    console.log('\nWhat the checks add (server time, median, one submission at a time):');
    for (const l of latency)
      console.log(
        `  ${l.language.padEnd(11)} on ${l.medianOnMs} ms, off ${l.medianOffMs} ms, ×${l.ratio} (${l.programs} programs)`,
      );
  }

  const file = writeResults(
    started,
    {
      kind: 'security',
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      ...runFacts(),
      settings: {
        perFamily: s.perFamily,
        parts: s.parts,
        tuningShare: TUNING_SHARE,
        languages: s.languages,
        families: s.families,
        concurrency: s.concurrency,
        problem: slug,
        inputs: INPUTS.map((i) => (i.length > 40 ? `${i.slice(0, 12)}… (${i.length} chars)` : i)),
        note: s.note,
        resumedFrom: s.resume,
      },
      suites: sources,
      corpus: stats,
      rates: table,
      bySuite: suites,
      patterns: found,
      latency,
      results,
    },
    s.out,
  );
  console.log(`\nwrote ${file} (${Math.round((Date.now() - started.getTime()) / 1000)} s)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof RateLimited ? `\n✗ ${e.message}` : e);
    process.exit(e instanceof RateLimited ? 2 : 1);
  },
);
