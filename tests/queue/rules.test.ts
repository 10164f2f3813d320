/** The queue's small rules, each alone: retry policy, failure encoding, manifest names, Redis URLs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILURE_CODES } from '../../src/batch/index-file.js';
import { redisOptions, redactedUrl, RedisUsageError } from '../../src/queue/connection.js';
import { manifestName, readManifest } from '../../src/queue/inputs.js';
import { decodeFailure, encodeFailure, isFinal } from '../../src/queue/jobs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-queue-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('jobs', () => {
  it('only a dead or stopped analysis (internal, aborted) is retried; file failures are final', () => {
    expect(FAILURE_CODES.filter((c) => !isFinal(c)).sort()).toEqual(['aborted', 'internal']);
  });

  it('failures round-trip through failedReason; other reasons are internal', () => {
    for (const code of FAILURE_CODES) expect(decodeFailure(encodeFailure(code, 'why: here'))).toEqual({ code, message: 'why: here' });
    expect(decodeFailure('job stalled more than allowable limit')).toEqual({ code: 'internal', message: 'job stalled more than allowable limit' });
    expect(decodeFailure(undefined).code).toBe('internal');
  });
});

describe('manifest', () => {
  it('names entries relative to the manifest; entries outside it by their absolute path', () => {
    expect(manifestName('/data/docket', '/data/docket/sub/a.pdf')).toBe('sub/a.pdf');
    expect(manifestName('/data/docket', '/data/other/b.pdf')).toBe('data/other/b.pdf');
  });

  it('skips blanks, comments and repeats; reports missing files', async () => {
    mkdirSync(path.join(tmp, 'm', 'sub'), { recursive: true });
    writeFileSync(path.join(tmp, 'm', 'sub', 'a.pdf'), '%PDF-1.4');
    writeFileSync(path.join(tmp, 'm', 'b.PDF'), '%PDF-1.4');
    const manifest = path.join(tmp, 'm', 'list.txt');
    writeFileSync(manifest, `# docket 12\nsub/a.pdf\n\n  b.PDF  \nsub/a.pdf\ngone.pdf\n`);
    const r = await readManifest(manifest);
    expect(r.inputs.map((i) => [i.rel, i.outBase])).toEqual([
      ['b.PDF', 'b'],
      ['sub/a.pdf', 'sub/a'],
    ]);
    expect(r.missing).toEqual([{ rel: 'gone.pdf', reason: 'no such file' }]);
  });
});

describe('redis URL', () => {
  it('reads host, port, db, credentials and TLS', () => {
    expect(redisOptions('redis://127.0.0.1:6390/2')).toEqual({ host: '127.0.0.1', port: 6390, db: 2 });
    expect(redisOptions('rediss://u:p%40ss@cache.local')).toEqual({ host: 'cache.local', port: 6379, username: 'u', password: 'p@ss', tls: {} });
    expect(() => redisOptions('http://x')).toThrow(RedisUsageError);
    expect(() => redisOptions('127.0.0.1:6379')).toThrow(RedisUsageError);
    expect(redactedUrl('redis://u:secret@h:1')).toBe('redis://u:***@h:1');
  });
});
