/**
 * The JSON Schemas published in schema/ are the ones generated from the zod schemas: a change to
 * the report that forgets to regenerate them fails here (regenerate: see README, "The report").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../src/report/schema.js';
import { indexJsonSchema } from '../src/batch/index-schema.js';
import { leakSchema, noticeSchema } from '../src/report-types.js';
import { LEAK_FIELDS, NOTICE_FIELDS } from '../src/report-constants.js';
import { nonFinite, VALIDATE_REPORTS_ENV } from '../src/report/build-report.js';

describe('published JSON Schemas', () => {
  it('schema/report.schema.json matches the report schema', () => {
    expect(JSON.parse(readFileSync('schema/report.schema.json', 'utf8'))).toEqual(reportJsonSchema());
  });
  it('schema/index.schema.json matches the batch index schema', () => {
    expect(JSON.parse(readFileSync('schema/index.schema.json', 'utf8'))).toEqual(indexJsonSchema());
  });
});

describe('the report is built in the schema\'s shape (src/report/build-report.ts)', () => {
  it('leaks and notices are written in their schemas\' field order', () => {
    expect([...LEAK_FIELDS]).toEqual(Object.keys(leakSchema.shape));
    expect([...NOTICE_FIELDS]).toEqual(Object.keys(noticeSchema.shape));
  });
  it('every report the tests build is checked against the schema', () => {
    expect(process.env[VALIDATE_REPORTS_ENV]).toBe('1');
  });
  it('a number that is not finite is found, with where it is', () => {
    expect(nonFinite({ pages: [{ width: 612 }, { width: 612, boxes: [[1, 2, NaN, 4]] }] })).toBe('.pages[1].boxes[0][2] = NaN');
    expect(nonFinite({ a: Infinity })).toBe('.a = Infinity');
    expect(nonFinite({ a: [1, 2], b: 'x', c: null })).toBeUndefined();
  });
});
