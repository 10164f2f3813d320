/**
 * The pipeline's one-way flow: `src/` folders are stages in order, and a module imports only from
 * its own stage, an earlier one, or the shared root modules (model, report types, settings,
 * errors).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/**
 * Stage rank of each folder; the shared root modules rank below every stage; analyze.ts (load to
 * report, the library's main call) ranks just above report; index.ts (the public API) above all.
 */
export const STAGES = ['load', 'facts', 'scan', 'detect', 'text', 'report', 'output', 'batch', 'serve', 'queue', 'cli'] as const;
const EDGE = new Set(['batch', 'serve', 'queue', 'cli']);

function rank(file: string): number {
  const rel = path.relative(src, file).split(path.sep);
  if (rel.length === 1) return rel[0] === 'index.ts' ? 100 : rel[0] === 'analyze.ts' ? STAGES.indexOf('report') + 0.5 : -1;
  const i = STAGES.indexOf(rel[0] as (typeof STAGES)[number]);
  if (i < 0) throw new Error(`src/${rel[0]} is not a pipeline stage: add it to STAGES`);
  // batch, serve, queue and cli are one layer: the edges that run the pipeline
  return EDGE.has(rel[0]) ? STAGES.indexOf('batch') : i;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('pipeline import direction', () => {
  it('every relative import points to the same or an earlier stage', () => {
    const bad: string[] = [];
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts'));
        if (rank(target) > rank(file)) bad.push(`${path.relative(src, file)} -> ${path.relative(src, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
