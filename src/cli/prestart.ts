/**
 * The command line's first act (bin/redactmap, before it loads its own modules): for `analyze` and
 * `batch`, fork the analysis worker processes at once (one for analyze; --jobs, or one per core,
 * for batch), so that they load the pipeline (~0.4 s of CPU each) while the command line starts,
 * checks its options and finds the files. Skipped where no analysis follows (--help, --checks,
 * --version), where the workers' limits come from the command line (--max-memory: the pool forks
 * workers of that limit, as before), and for `batch --resume` (often little or nothing is left to
 * do). Workers no pool takes (a usage error, fewer files than workers) are ended by
 * shutdownWarmWorkers().
 */
import os from 'node:os';
import { prestartAnalysisWorkers } from '../batch/isolated.js';

/** Options after which no analysis starts, or one with workers of other limits. */
const NO_PRESTART = /^(-h|--help|--checks|--version|-V|--resume|--max-memory(=.*)?)$/;

/** Workers to fork ahead for this command line (0: none). */
export function workersToPrestart(argv: string[]): number {
  if (argv.some((a) => NO_PRESTART.test(a))) return 0;
  if (argv[0] === 'analyze') return 1;
  if (argv[0] !== 'batch') return 0;
  const at = argv.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const given = at < 0 ? undefined : argv[at].startsWith('--jobs=') ? argv[at].slice(7) : argv[at + 1];
  // a bad --jobs is the option parser's to report; a large one is capped at the cores
  const jobs = given === undefined ? os.availableParallelism() : /^\d+$/.test(given) ? Number(given) : 0;
  return Math.min(jobs, os.availableParallelism());
}

export function prestartFor(argv: string[]): void {
  const n = workersToPrestart(argv);
  if (n > 0) prestartAnalysisWorkers(n);
}
