/**
 * The command line's first act (bin/redactmap, before it loads its own modules): for
 * `redactmap analyze`, fork the analysis worker process at once, so that it loads the pipeline
 * (~0.4 s of CPU) while the command line starts and checks its options, on another core. Skipped
 * where no analysis follows (--help, --checks) and where the worker's limits come from the command
 * line (--max-memory: the analysis forks a worker with that limit). A worker that no analysis takes
 * (a usage error) is ended by shutdownWarmWorkers().
 */
import { prestartIsolated } from '../batch/isolated.js';

/** Options after which `analyze` starts no analysis, or one with a worker of other limits. */
const NO_PRESTART = /^(-h|--help|--checks|--version|-V|--max-memory(=.*)?)$/;

export function prestartFor(argv: string[]): void {
  if (argv[0] !== 'analyze' || argv.some((a) => NO_PRESTART.test(a))) return;
  prestartIsolated();
}
