/**
 * V8's tier-up budget in an analysis worker process, set before anything else loads there (the
 * worker's first import): how much bytecode a function runs between the checks that send it to
 * the optimising compiler (TurboFan). With V8's default (67,584 in Node 20), a worker optimises
 * hundreds of lukewarm functions (~590 compilations over a 200-file batch, on helper threads that
 * compete with the analysis on a 2-core machine); eight times that optimises what is hot.
 *
 * Measured (`batch --jobs 2` over 200 one-page filings, runs alternated, load 4-9): 10.1 s of CPU
 * without it, 8.0 s with it; the 15-page born-digital sample, 2.05 s -> 1.81 s. Optimised code
 * computes what the bytecode computes: reports are unchanged.
 *
 * Set at run time (v8.setFlagsFromString) rather than as a command-line flag: a Node whose V8 no
 * longer knows the flag then only says so on stderr, instead of refusing to start the worker.
 */
import v8 from 'node:v8';

/** The worker's tier-up budget, bytes of bytecode: eight times Node 20's default. */
export const WORKER_INTERRUPT_BUDGET = 8 * 67_584;

v8.setFlagsFromString(`--interrupt-budget=${WORKER_INTERRUPT_BUDGET}`);
