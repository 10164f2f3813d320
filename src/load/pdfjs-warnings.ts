/**
 * What pdf.js skipped. With `stopAtErrors: false` pdf.js carries on past a broken content stream,
 * an undecodable image or an image over `maxImageSize`, and says so only through its `warn()`
 * (console.warn "Warning: ..."). Those messages are the one record that part of a page was lost,
 * so they are caught here, per analysis, and turned into report warnings: nothing lost silently.
 *
 * pdf.js runs its "worker" on the main thread in Node, so its warnings come through this process's
 * console. An AsyncLocalStorage scope ties each message to the analysis whose promise chain raised
 * it; messages outside any scope pass through untouched, and other pdf.js warnings (font quirks and
 * the like) are dropped while an analysis is open, as they were before (verbosity 0).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnalysisWarning } from '../model.js';

/** A pdf.js message that means content was lost, and how the report words it. */
interface LossRule {
  match: RegExp;
  what: string;
  why: (m: RegExpMatchArray) => string;
}

const clean = (s: string | undefined) => (s ?? '').replace(/^"|"\.?$/g, '').replace(/\s+/g, ' ').trim().slice(0, 200);

/** The pdf.js warnings that mean something on the page was not read (pdf.worker.mjs, 5.6). */
export const LOSS_RULES: readonly LossRule[] = [
  { match: /^Image exceeded maximum allowed size and was removed/, what: 'an image', why: () => 'larger than the image size limit (maxImagePixels)' },
  { match: /^Unable to decode (?:inline )?image(?: "([^"]*)")?: (.*)$/, what: 'an image', why: (m) => `cannot be decoded (${clean(m[2])})` },
  { match: /^(.*) -- ignoring the rest of the image data/, what: 'part of an image', why: (m) => `damaged image data (${clean(m[1])})` },
  { match: /^getOperatorList - ignoring errors during "[^"]*" task: (.*)$/, what: 'the rest of the page content', why: (m) => `content stream cannot be parsed (${clean(m[1])})` },
  // an annotation whose appearance pdf.js cannot build is not drawn: a Square or Redact box would be missed
  { match: /^getOperatorList - ignoring annotation data during "[^"]*" task: (.*)$/, what: "an annotation's appearance", why: (m) => `cannot be read (${clean(m[1])})` },
  { match: /^getOperatorList - ignoring XObject: (.*)$/, what: 'a form or image XObject', why: (m) => `cannot be read (${clean(m[1])})` },
  { match: /^getOperatorList - ignoring Shading: (.*)$/, what: 'a shading', why: (m) => `cannot be read (${clean(m[1])})` },
  { match: /^getContentStream - ignoring sub-stream \([^)]*\): (.*)$/, what: 'part of the page content', why: (m) => `content stream cannot be read (${clean(m[1])})` },
];

/**
 * Why a document only read gets no standard font (open-pdf.ts): pdf.js warns with this message once
 * per font and carries on with the font's own metrics, so the warning is dropped (isExpected).
 */
export const NO_STANDARD_FONTS = 'standard font data left out: the document is read, not drawn';

/** pdf.js's warning that it drew no substitute font for a document only read (NO_STANDARD_FONTS): nothing lost. */
function isExpected(message: string): boolean {
  return message.includes(NO_STANDARD_FONTS);
}

/** The report warning for a pdf.js message, or undefined when the message loses nothing. */
export function lossWarning(message: string, page: number | null): AnalysisWarning | undefined {
  const text = message.replace(/^Warning: /, '');
  for (const rule of LOSS_RULES) {
    const m = text.match(rule.match);
    if (m) return { page: imagePage(text) ?? page, what: rule.what, why: rule.why(m) };
  }
  return undefined;
}

/** pdf.js names page images "img_p<index>_<n>": the page a late image warning belongs to. */
function imagePage(text: string): number | null {
  const m = text.match(/"img_p(\d+)_\d+"/);
  return m ? Number(m[1]) + 1 : null;
}

/** Where one analysis collects warnings; `page` is the page being read (null between pages). */
export interface WarningScope {
  page: number | null;
  add(w: AnalysisWarning): void;
  /**
   * Runs `work`, a second read of the page in flight (its content again, with every annotation's
   * appearance: facts/hidden-appearances.ts): what pdf.js repeats of the first read's warnings is
   * not added again.
   */
  reread?<T>(work: () => Promise<T>): Promise<T>;
}

/** A scope that adds to `warnings` (and tells `onAdd`), and drops what a reread repeats. */
export function collectingScope(warnings: AnalysisWarning[], onAdd: (w: AnalysisWarning) => void = () => undefined): WarningScope {
  const key = (w: AnalysisWarning) => `${w.page}\u0000${w.what}\u0000${w.why}`;
  // while a page is read again: how many more times each of its warnings may repeat unsaid
  let repeats: Map<string, number> | undefined;
  const scope: WarningScope = {
    page: null,
    add(w) {
      const n = repeats?.get(key(w)) ?? 0;
      if (n > 0) return void repeats!.set(key(w), n - 1);
      warnings.push(w);
      onAdd(w);
    },
    async reread(work) {
      repeats = new Map();
      for (const w of warnings) if (w.page === scope.page) repeats.set(key(w), (repeats.get(key(w)) ?? 0) + 1);
      try {
        return await work();
      } finally {
        repeats = undefined;
      }
    },
  };
  return scope;
}

const scopes = new AsyncLocalStorage<WarningScope>();
let open = 0;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const msg = typeof args[0] === 'string' ? args[0] : '';
    if (!msg.startsWith('Warning: ')) return original(...args);
    if (isExpected(msg)) return;
    const scope = scopes.getStore();
    if (scope) {
      const w = lossWarning(msg, scope.page);
      if (w) scope.add(w);
      return;
    }
    if (open === 0) original(...args);
  };
}

const active = new Set<WarningScope>();

/**
 * A pdf.js warning from the pdfjs thread (pdfjs-thread.ts), where the analysis that caused it cannot
 * be told by its async context: it goes to the one analysis running in this process (the CLI, batch,
 * serve and queue workers run one per process). With several analyze() calls at once in one
 * process it is printed, as outside any analysis.
 */
export function threadWarning(msg: string): void {
  if (isExpected(msg)) return;
  if (active.size === 1) {
    const [scope] = active;
    const w = lossWarning(msg, scope.page);
    if (w) scope.add(w);
    return;
  }
  if (active.size === 0) console.warn(msg);
  else process.stderr.write(`${msg}\n`);
}

/** Run `fn` with pdf.js warnings going to `scope` (as report warnings). */
export async function withPdfjsWarnings<T>(scope: WarningScope, fn: () => Promise<T>): Promise<T> {
  install();
  open++;
  active.add(scope);
  try {
    return await scopes.run(scope, fn);
  } finally {
    open--;
    active.delete(scope);
  }
}
