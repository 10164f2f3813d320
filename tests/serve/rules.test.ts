/** The service's small rules, each alone: request parameters, admission, token, sizes, statuses. */
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/serve/defaults.js';
import { Admission, DEFAULT_RETRY_AFTER_SECONDS, RETRY_AFTER_RANGE } from '../../src/serve/admission.js';
import { bearerMatches } from '../../src/serve/app.js';
import { FAILURE_STATUS, HttpError } from '../../src/serve/http-errors.js';
import { requestOptions } from '../../src/serve/request-options.js';
import { FAILURE_CODES } from '../../src/batch/index-file.js';

const fails = (f: () => unknown): HttpError => {
  try {
    f();
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error('did not fail');
};

describe('request parameters', () => {
  it('reads settings and format from the query string or X-Redactmap-* headers', () => {
    expect(requestOptions({ ocr: 'never', dpi: '150', format: 'markdown' }, {})).toEqual({ settings: { ocr: 'never', dpi: 150 }, format: 'markdown' });
    expect(requestOptions({}, { 'x-redactmap-password': 'pw', 'x-redactmap-filename': 'a.pdf', accept: '*/*' })).toEqual({
      settings: { password: 'pw' },
      format: 'json',
      filename: 'a.pdf',
    });
  });

  it('a bad value is a 400 that names the setting', () => {
    const dpi = fails(() => requestOptions({ dpi: '10' }, {}));
    expect([dpi.status, dpi.code]).toEqual([400, 'bad-setting']);
    expect(dpi.message).toMatch(/dpi/);
    expect(fails(() => requestOptions({ dpi: 'high' }, {})).message).toMatch(/^dpi: /);
    expect(fails(() => requestOptions({ ocr: 'sometimes' }, {})).message).toMatch(/^ocr: /);
    expect(fails(() => requestOptions({ format: 'pdf' }, {})).message).toMatch(/^format: /);
  });

  it('an unknown parameter, or one given twice, is a 400', () => {
    expect(fails(() => requestOptions({ orc: 'always' }, {})).message).toMatch(/unknown parameter "orc"/);
    expect(fails(() => requestOptions({}, { 'x-redactmap-colour': 'red' })).message).toMatch(/unknown parameter header x-redactmap-colour/);
    expect(fails(() => requestOptions({ ocr: 'never' }, { 'x-redactmap-ocr': 'always' })).message).toMatch(/ocr given twice/);
    expect(fails(() => requestOptions({ ocr: ['never', 'always'] }, {})).message).toMatch(/more than once/);
  });

  it('format=html asks for the review page; an unknown format is a 400 naming the formats', () => {
    expect(requestOptions({ format: 'html' }, {})).toEqual({ settings: {}, format: 'html' });
    const e = fails(() => requestOptions({ format: 'pdf' }, {}));
    expect([e.status, e.code]).toEqual([400, 'bad-setting']);
    expect(e.message).toMatch(/json, markdown, html/);
  });
});

describe('admission', () => {
  it('runs `slots` at once, queues `queue` more in arrival order, refuses the rest', async () => {
    const a = new Admission(1, 2);
    const first = await a.enter()!;
    const order: string[] = [];
    const second = a.enter()!.then((r) => (order.push('second'), r));
    const third = a.enter()!.then((r) => (order.push('third'), r));
    expect(a.enter()).toBeUndefined();
    expect([a.active, a.waiting]).toEqual([1, 2]);
    first();
    first(); // a second call is ignored
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect([a.active, a.waiting]).toEqual([0, 0]);
  });

  it('reserves at most slots + queue places, each freed once', () => {
    const a = new Admission(1, 1);
    const r1 = a.reserve()!;
    const r2 = a.reserve()!;
    expect(a.reserve()).toBeUndefined();
    r1();
    r1();
    const r3 = a.reserve()!;
    expect(a.reserve()).toBeUndefined();
    r2();
    r3();
    expect(a.reserve()).toBeDefined();
  });

  it('Retry-After: a default first, then the mean duration times the rounds ahead, bounded', async () => {
    const a = new Admission(2, 4);
    expect(a.retryAfterSeconds()).toBe(DEFAULT_RETRY_AFTER_SECONDS);
    a.observe(10);
    expect(a.retryAfterSeconds()).toBe(5); // one round ahead of 2 slots
    a.observe(100000);
    expect(a.retryAfterSeconds()).toBe(RETRY_AFTER_RANGE.max);
  });
});

describe('token, sizes and statuses', () => {
  it('matches only "Bearer <token>"', () => {
    expect(bearerMatches('Bearer s3cret', 's3cret')).toBe(true);
    expect(bearerMatches('bearer  s3cret ', 's3cret')).toBe(true);
    expect(bearerMatches('Bearer s3cre', 's3cret')).toBe(false);
    expect(bearerMatches('Basic s3cret', 's3cret')).toBe(false);
    expect(bearerMatches(undefined, 's3cret')).toBe(false);
  });

  it('--max-bytes takes bytes or k/M/G', () => {
    expect(parseBytes('1000')).toBe(1000);
    expect(parseBytes('100M')).toBe(100 * 1024 * 1024);
    expect(parseBytes('2k')).toBe(2048);
    expect(parseBytes('1GB')).toBe(1024 ** 3);
    expect(parseBytes('0')).toBeUndefined();
    expect(parseBytes('lots')).toBeUndefined();
  });

  it('file failures are 4xx, a crash is 500, a stopped analysis 503', () => {
    for (const code of FAILURE_CODES) {
      const status = FAILURE_STATUS[code];
      const expected = code === 'internal' ? status === 500 : code === 'aborted' ? status === 503 : status >= 400 && status < 500;
      expect(expected, code).toBe(true);
    }
  });
});
