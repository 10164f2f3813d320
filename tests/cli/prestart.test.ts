/**
 * Which command lines fork their analysis workers first (src/cli/prestart.ts): those that will
 * analyse with the default limits; never --help, --checks, --max-memory (workers of that limit are
 * forked by the pool) or batch --resume.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { workersToPrestart } from '../../src/cli/prestart.js';

const cores = os.availableParallelism();

describe('workers forked before the command line loads', () => {
  it('analyze: one; batch: --jobs, or one per core, at most one per core', () => {
    expect(workersToPrestart(['analyze', 'a.pdf', '--json'])).toBe(1);
    expect(workersToPrestart(['batch', 'in', '--out', 'out'])).toBe(cores);
    expect(workersToPrestart(['batch', 'in', '--out', 'out', '--jobs', '1'])).toBe(1);
    expect(workersToPrestart(['batch', 'in', '--out', 'out', '--jobs=1'])).toBe(1);
    expect(workersToPrestart(['batch', 'in', '--out', 'out', '--jobs', '64'])).toBe(cores);
  });
  it('none where no analysis follows, or where its workers need other limits', () => {
    for (const argv of [
      ['analyze', '--help'],
      ['analyze', '--checks'],
      ['analyze', 'a.pdf', '--max-memory', '600'],
      ['analyze', 'a.pdf', '--max-memory=600'],
      ['batch', 'in', '--out', 'out', '--resume'],
      ['batch', 'in', '--out', 'out', '--jobs', 'two'],
      ['serve'],
      ['schema'],
      ['--version'],
      [],
    ]) {
      expect(workersToPrestart(argv)).toBe(0);
    }
  });
});
