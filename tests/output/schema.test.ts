/**
 * `redactmap schema` prints the JSON Schema generated from the zod schema; real reports (our
 * generated filings, and the corpus when REDACTMAP_CORPUS is set) must validate against it, with
 * an independent validator (tests/output/json-schema.ts), and broken reports must not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { main } from '../../src/cli/main.js';
import { reportJsonSchema, type Report } from '../../src/report/schema.js';
import { indexJsonSchema } from '../../src/batch/index-schema.js';
import { corpusDir, corpusFile, describeCorpus } from '../helpers/corpus.js';
import { makeFiling } from '../batch/make-pdfs.js';
import { validate } from './json-schema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, '..', 'fixtures', name);

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}

describe('redactmap schema', () => {
  it('prints the report JSON Schema (draft 2020-12) generated from the zod schema', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema).toEqual(reportJsonSchema());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'file', 'pages', 'sections', 'leaks', 'summary']));
  });

  it('prints the index.json schema with --index', async () => {
    const r = await cli(['schema', '--index']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(indexJsonSchema());
  });
});

describe('reports validate against the printed JSON Schema', () => {
  const schema = reportJsonSchema();
  const reports: Report[] = [];

  beforeAll(async () => {
    reports.push(await analyze(await makeFiling({ pages: 2, leak: true, seed: 9 }), { path: 'a.pdf' }));
    reports.push(await analyze(await makeFiling({ pages: 1, seed: 10 }), { path: 'b.pdf' }));
    reports.push(await analyze(fixture('encrypted-owner-password.pdf')));
    reports.push(await analyze(fixture('encrypted-user-password.pdf'), { password: 'secret' }));
  });

  it('generated filings, with and without leaks, and encrypted ones', () => {
    for (const r of reports) {
      // through JSON, as a script would read it
      expect(validate(schema, JSON.parse(JSON.stringify(r))), r.file.path).toEqual([]);
    }
  });

  it('a broken report does not validate', () => {
    const r = JSON.parse(JSON.stringify(reports[0]));
    r.pages[0].redactions[0].source = 'marker';
    r.file.sha256 = 'xyz';
    delete r.summary.leaks;
    r.extra = 1;
    r.leaks[0].bbox = [1, 2, 3];
    r.pages[0].redactions[0].bbox = [1, 2, 3];
    const errors = validate(schema, r).map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/pages\/0\/redactions\/0\/source: not one of/),
        expect.stringMatching(/^\/file\/sha256: does not match/),
        expect.stringMatching(/^\/summary: missing property "leaks"/),
        expect.stringMatching(/^\/: unexpected property "extra"/),
        expect.stringMatching(/^\/pages\/0\/redactions\/0\/bbox: fewer than 4 items/),
        expect.stringMatching(/^\/leaks\/0\/bbox: matches none of anyOf/),
      ]),
    );
  });
});

describeCorpus('corpus reports validate against the JSON Schema', () => {
  it('every corpus filing', async () => {
    const schema = reportJsonSchema();
    const names = readFileSync(path.join(corpusDir!, 'README.md'), 'utf8').match(/\b\d\d_[\w.]+\.pdf\b/g) ?? [];
    const unique = [...new Set(names)];
    expect(unique.length).toBeGreaterThan(5);
    for (const name of unique) {
      const report = await analyze(corpusFile(name));
      expect(validate(schema, JSON.parse(JSON.stringify(report))), name).toEqual([]);
    }
  }, 600_000);
});
