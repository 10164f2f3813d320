/**
 * The worker's V8 tier-up budget (src/batch/tiering.ts): this Node's V8 knows the flag (an unknown
 * one is only reported on stderr, the worker still starts), and the worker sets it before it
 * loads anything else.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_INTERRUPT_BUDGET } from '../../src/batch/tiering.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the worker tier-up budget', () => {
  it('is eight times Node 20 V8\'s default, and this V8 takes it without a word', () => {
    expect(WORKER_INTERRUPT_BUDGET).toBe(540_672);
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(path.join(root, 'dist/batch/tiering.js'))})`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    // the same flag V8 refuses (a typo) is reported, not fatal: what a future Node would do
    const typo = spawnSync(process.execPath, ['-e', "require('node:v8').setFlagsFromString('--interrupt-budgets=1')"], { encoding: 'utf8' });
    expect(typo.status).toBe(0);
    expect(typo.stderr).toMatch(/unrecognized flag/);
  });

  it('is the worker\'s first import, before pdf.js and the pipeline load', () => {
    const source = readFileSync(path.join(root, 'src/batch/worker.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s.*?['"](.+?)['"];?$/gm)].map((m) => m[1]);
    expect(imports[0]).toBe('./tiering.js');
  });
});
