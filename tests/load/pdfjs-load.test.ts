/**
 * Loading pdfjs leaves the process as it found it (src/load/pdfjs.ts): the builtins its legacy
 * build's core-js replaces are Node's own again, and Node's fetch implementation is not loaded by
 * pdfjs's Response polyfill. Checked in a fresh process: this one has loaded pdfjs already.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const probe = `
const lazy = () => typeof Object.getOwnPropertyDescriptor(globalThis, 'Response')?.get === 'function';
const before = lazy();
const { pdfjs } = await import('./src/load/pdfjs.ts');
const native = (f) => Function.prototype.toString.call(f).includes('[native code]');
console.log(JSON.stringify({
  version: pdfjs.version,
  responseLazyBefore: before,
  responseLazyAfter: lazy(),
  push: native(Array.prototype.push),
  parse: native(JSON.parse),
  stringify: native(JSON.stringify),
  toString: native(Function.prototype.toString),
  withResolvers: typeof Promise.withResolvers,
}));
`;

describe('loading pdfjs', () => {
  it("puts back Node's push, JSON and toString, and leaves the lazy Response (undici) unloaded", () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.version).toMatch(/^5\./);
    expect(r.responseLazyBefore).toBe(true);
    expect(r.responseLazyAfter).toBe(true);
    expect([r.push, r.parse, r.stringify, r.toString]).toEqual([true, true, true, true]);
    // what core-js adds and pdfjs needs on Node 20 stays
    expect(r.withResolvers).toBe('function');
  }, 60_000);
});
