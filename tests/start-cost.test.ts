/**
 * What each process loads at its start (issue 12): the command line loads commander and its own
 * modules, never the analysis (pdf.js, canvas, tesseract.js) or zod (the schema: ~150 ms of CPU);
 * an analysis worker loads the pipeline but not zod; nor does the batch runner. Checked on the static imports of src/ (what a
 * module loads when it is imported; dynamic import() is loaded when run).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Packages the module at `entry` loads with it (static imports, transitively), and how many of our modules. */
function staticClosure(entry: string): { packages: Set<string>; modules: number } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
      if (m[2]) continue; // types only: nothing is loaded
      const spec = m[3];
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
    // a top-level `await import('pkg')` loads with the module too
    for (const m of text.matchAll(/^(?:const|let)\s[^=]+=.*?\bimport\('([^'.][^']*)'\)/gm)) {
      packages.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
    }
  };
  visit(path.join(src, entry));
  return { packages, modules: seen.size };
}

describe('what a process loads at its start', () => {
  it('the command line loads commander alone, and few modules of ours', () => {
    const { packages, modules } = staticClosure('cli/main.ts');
    expect([...packages]).toEqual(['commander']);
    expect(modules).toBeLessThan(30);
  });
  it('the analysis worker loads the pipeline without zod, canvas or tesseract.js', () => {
    const { packages } = staticClosure('batch/worker-core.ts');
    expect(packages.has('zod')).toBe(false);
    // the canvas library and tesseract.js are loaded by the first page drawn or read by OCR
    expect(packages.has('@napi-rs/canvas')).toBe(false);
    expect(packages.has('tesseract.js')).toBe(false);
    expect(packages.has('pdfjs-dist')).toBe(true); // through load/pdfjs.ts: the check sees top-level imports
  });
  it('the batch runner writes its index without zod (loaded only to check earlier reports on --resume)', () => {
    expect(staticClosure('cli/batch-command.ts').packages.has('zod')).toBe(false);
  });
  it('the main thread of an analysis loads pdf.js without its worker code (the pdf.js thread parses)', () => {
    const text = readFileSync(path.join(src, 'load', 'pdfjs.ts'), 'utf8');
    const topLevel = text.split('\n').filter((l) => /^const .*import\(/.test(l));
    expect(topLevel.join('\n')).not.toMatch(/pdf\.worker/);
  });
});
