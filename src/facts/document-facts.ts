/**
 * Document-level facts: what a PDF holds beyond what its pages draw. The outline (bookmarks) and
 * named destinations, the Info dictionary and XMP metadata, embedded files, JavaScript, AcroForm
 * fields, optional-content layers, and where each incrementally saved revision ends. Read once per
 * document, as plain data; a part that cannot be read is left empty with a warning.
 */
import type { AnalysisWarning, DocumentFacts, FormField, MetadataField, OutlineEntry } from '../model.js';
import type { PDFDocumentProxy } from '../load/pdfjs.js';
import { findRevisionEnds } from './revisions.js';

/** At most this many outline entries and destination names are read (a hostile file may hold millions). */
export const MAX_OUTLINE_ENTRIES = 5000;

/** Info keys that people write (title, author, …); tool names and dates are not read. */
const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords'] as const;
/** XMP properties that people write; pdfx: holds custom Info keys mirrored into XMP. */
const XMP_KEYS = /^(dc:title|dc:description|dc:creator|dc:subject|pdf:keywords|pdfx:.+)$/;

export interface DocumentFactsResult {
  facts: DocumentFacts;
  warnings: AnalysisWarning[];
}

export async function readDocumentFacts(doc: PDFDocumentProxy, bytes: Uint8Array): Promise<DocumentFactsResult> {
  // asked of the pdf.js thread all at once (one wait, not seven in turn); warnings in a fixed order
  const read = async <T>(what: string, empty: T, fn: () => Promise<T>): Promise<{ value: T; warning?: AnalysisWarning }> => {
    try {
      return { value: await fn() };
    } catch (e) {
      return { value: empty, warning: { page: null, what, why: oneLineOf(e) } };
    }
  };
  const [outline, destinationNames, metadata, attachments, javascript, fields, layers] = await Promise.all([
    read('the outline (bookmarks)', [], () => readOutline(doc)),
    read('the named destinations', [] as string[], async () => Object.keys((await doc.getDestinations()) ?? {}).slice(0, MAX_OUTLINE_ENTRIES)),
    read('the document metadata', [], () => readMetadata(doc)),
    read('the embedded files', [], () => readAttachments(doc)),
    read('the document JavaScript', [], () => readJavaScript(doc)),
    read('the form fields', [], () => readFields(doc)),
    read('the optional-content layers', [], () => readLayers(doc)),
  ]);
  const facts: DocumentFacts = {
    outline: outline.value,
    destinationNames: destinationNames.value,
    metadata: metadata.value,
    attachments: attachments.value,
    javascript: javascript.value,
    fields: fields.value,
    layers: layers.value,
    revisionEnds: findRevisionEnds(bytes),
  };
  const warnings = [outline, destinationNames, metadata, attachments, javascript, fields, layers].flatMap((r) => (r.warning ? [r.warning] : []));
  return { facts, warnings };
}

function oneLineOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] || 'unreadable';
}

type OutlineNode = { title?: unknown; dest?: unknown; items?: OutlineNode[] };

async function readOutline(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const roots = ((await doc.getOutline()) ?? []) as OutlineNode[];
  const nodes: { node: OutlineNode; depth: number }[] = [];
  // iterative walk: outlines nest arbitrarily deep
  const todo: { node: OutlineNode; depth: number }[] = roots.map((node) => ({ node, depth: 1 })).reverse();
  while (todo.length && nodes.length < MAX_OUTLINE_ENTRIES) {
    const next = todo.pop()!;
    nodes.push(next);
    for (const child of [...(next.node.items ?? [])].reverse()) todo.push({ node: child, depth: next.depth + 1 });
  }
  // the pages are resolved all at once (one round trip each to the pdfjs worker, not one after another)
  const pages = await Promise.all(nodes.map(({ node }) => destinationPage(doc, node.dest)));
  return nodes.map(({ node, depth }, i) => ({ title: typeof node.title === 'string' ? node.title : '', page: pages[i], depth }));
}

/** The page (1-based) a destination points to, or null. */
async function destinationPage(doc: PDFDocumentProxy, dest: unknown): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return null;
    const target = explicit[0] as unknown;
    if (typeof target === 'number') return target + 1;
    if (target && typeof target === 'object' && 'num' in target) return (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
  } catch {
    // a destination that does not resolve has no page
  }
  return null;
}

async function readMetadata(doc: PDFDocumentProxy): Promise<MetadataField[]> {
  const { info, metadata } = (await doc.getMetadata()) as unknown as { info?: Record<string, unknown>; metadata?: Iterable<[string, unknown]> | null };
  const out: MetadataField[] = [];
  const add = (source: MetadataField['source'], key: string, value: unknown) => {
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : typeof value === 'string' ? value : '';
    if (text.trim()) out.push({ source, key, value: text.trim() });
  };
  for (const key of INFO_KEYS) add('Info', key, info?.[key]);
  const custom = info?.Custom as Record<string, unknown> | undefined;
  if (custom && typeof custom === 'object') for (const [key, value] of Object.entries(custom)) add('Info', key, value);
  if (metadata) for (const [key, value] of metadata) if (XMP_KEYS.test(key)) add('XMP', key, value);
  return out;
}

async function readAttachments(doc: PDFDocumentProxy): Promise<DocumentFacts['attachments']> {
  const all = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: { length?: number } }>;
  return Object.entries(all).map(([key, a]) => ({ name: a.filename || key, bytes: a.content?.length ?? 0 }));
}

/** Document-level scripts (open and close actions, named scripts); annotations' scripts are page facts. */
async function readJavaScript(doc: PDFDocumentProxy): Promise<string[]> {
  const docActions = (await doc.getJSActions()) as Record<string, unknown> | null;
  return Object.keys(docActions ?? {}).map((key) => `document: ${key}`);
}

async function readFields(doc: PDFDocumentProxy): Promise<FormField[]> {
  const all = ((await doc.getFieldObjects()) ?? {}) as Record<string, { value?: unknown; hidden?: unknown; page?: unknown; type?: unknown }[]>;
  const out: FormField[] = [];
  for (const [name, widgets] of Object.entries(all)) {
    for (const w of widgets) {
      if (!w.type) continue; // a field's parent node, not a widget
      const value = typeof w.value === 'string' ? w.value : Array.isArray(w.value) ? w.value.join(', ') : '';
      const page = typeof w.page === 'number' && w.page >= 0 ? w.page + 1 : null;
      out.push({ name, type: String(w.type), value, page, hidden: Boolean(w.hidden) });
    }
  }
  return out;
}

async function readLayers(doc: PDFDocumentProxy): Promise<DocumentFacts['layers']> {
  const config = await doc.getOptionalContentConfig({ intent: 'display' });
  return [...(config as unknown as Iterable<[string, { name?: unknown; visible?: unknown }]>)].map(([, g]) => ({
    name: typeof g.name === 'string' ? g.name : '',
    visible: g.visible !== false,
  }));
}

/**
 * Which optional content the page walk should treat as shown: what the document shows on screen or
 * in print by default. Undefined when the document has no layers.
 */
export async function readLayerVisibility(doc: PDFDocumentProxy): Promise<((properties: unknown) => boolean) | undefined> {
  try {
    const display = await doc.getOptionalContentConfig({ intent: 'display' });
    if (![...(display as unknown as Iterable<unknown>)].length) return undefined;
    const print = await doc.getOptionalContentConfig({ intent: 'print' });
    return (props) => {
      try {
        return display.isVisible(props as never) || print.isVisible(props as never);
      } catch {
        return true;
      }
    };
  } catch {
    return undefined;
  }
}
