/**
 * The JSON Schemas published in schema/ are the ones generated from the zod schemas: a change to
 * the report that forgets to regenerate them fails here (regenerate: see README, "The report").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../src/report/schema.js';
import { indexJsonSchema } from '../src/batch/index-file.js';

describe('published JSON Schemas', () => {
  it('schema/report.schema.json matches the report schema', () => {
    expect(JSON.parse(readFileSync('schema/report.schema.json', 'utf8'))).toEqual(reportJsonSchema());
  });
  it('schema/index.schema.json matches the batch index schema', () => {
    expect(JSON.parse(readFileSync('schema/index.schema.json', 'utf8'))).toEqual(indexJsonSchema());
  });
});
