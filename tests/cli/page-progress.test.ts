import { describe, expect, it } from 'vitest';
import { pageProgress } from '../../src/cli/analyze-command.js';

describe('analyze progress on stderr', () => {
  const run = (tty: boolean, times: number[]) => {
    let err = '';
    let i = 0;
    const p = pageProgress('scan.pdf', { stdout: () => undefined, stderr: (s) => (err += s), color: false, stderrTty: tty }, () => times[Math.min(i++, times.length - 1)]);
    p.update(3, 15);
    p.update(15, 15);
    p.done();
    return err;
  };
  it('shows pages done of total on a terminal once a run takes more than a second, then clears it', () => {
    const err = run(true, [0, 2500, 2600]);
    expect(err).toContain('scan.pdf: page 3 of 15 read (3 s)');
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });
  it('stays silent on quick runs and when stderr is not a terminal', () => {
    expect(run(true, [0, 200, 300])).toBe('');
    expect(run(false, [0, 5000, 6000])).toBe('');
  });
});
