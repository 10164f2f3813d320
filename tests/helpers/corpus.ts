/**
 * The real filings in ../shared/corpus, reached only through REDACTMAP_CORPUS (set by .ci/run).
 * When it is unset the corpus suites skip, and say so loudly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';

export const corpusDir = process.env.REDACTMAP_CORPUS;
export const hasCorpus = Boolean(corpusDir && existsSync(corpusDir));

if (!hasCorpus) {
  console.warn(
    `\n*** REDACTMAP_CORPUS is ${corpusDir ? `set to ${corpusDir}, which does not exist` : 'unset'}: ` +
      'the real-filing corpus tests are SKIPPED. Run them with REDACTMAP_CORPUS=../shared/corpus npm test ***\n',
  );
}

export function corpusFile(name: string): string {
  return path.join(corpusDir ?? '', name);
}

/** describe() that runs only with the corpus present. */
export const describeCorpus = hasCorpus ? describe : describe.skip;
