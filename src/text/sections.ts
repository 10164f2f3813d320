/**
 * Sections, their tree and their statistics.
 *
 * A section runs from its title (a heading, an e-mail message's header, or the leading level-0
 * title) to the next title of any level, across page breaks: that is its own body. The title's own
 * tokens are not body. Redactions count for the section whose title or body holds the line they
 * were placed on (a multi-line box sits on its first line). Furniture never reaches this stage.
 *
 * The tree: a section's parent is the nearest section before it with a smaller level (the level-0
 * title section is never a parent); its extent is its own body and all its descendants'.
 *
 *  - own.visibleWords = body words; own.hiddenWordsEstimate = the sum of its redactions'
 *    estimates (estimates.ts), rounded, at least 1 when it holds any redaction;
 *  - visibleWords, hiddenWordsEstimate, redactionIds, pageEnd: the same over the whole extent;
 *  - readableRatio = visible / (visible + hidden), 1 when both are 0, 3 decimals (own and extent);
 *  - unread pages (pages with ink but no text source) belong to the section in effect there (the
 *    one whose lines are on the page, else the last one started before it, else the first);
 *  - status, over the extent: `unread` when any page of it is unread, `readable` when no redaction
 *    lies in it, `redacted` when readableRatio <= REDACTED_RATIO, otherwise `partial`.
 */
import type { BBox, Redaction, RedactionEstimate, Section, SectionStatus, UnreadReason } from '../model.js';
import type { SectionMark } from './headings.js';
import { lineBoxOnPage } from './direction.js';
import type { Line, Token } from './lines.js';
import { roundTo } from './math.js';

/** A section whose extent is this readable or less is `redacted`. */
export const REDACTED_RATIO = 0.1;

interface Segment {
  line: Line;
  tokens: Token[];
}

interface SectionParts {
  mark: SectionMark;
  /** Lines (or parts of lines) of the title. */
  title: Segment[];
  /** Lines (or parts of lines) of the body. */
  body: Segment[];
}

/** Splits the flow lines at the marks (which must be in line order). */
export function splitAtMarks(lines: readonly Line[], marks: readonly SectionMark[]): SectionParts[] {
  return marks.map((mark, n) => {
    const end = n + 1 < marks.length ? marks[n + 1].lineIndex : lines.length;
    const at = mark.titleStart ?? mark.lineIndex;
    const title: Segment[] = [];
    const body: Segment[] = [];
    for (let i = mark.lineIndex; i < end; i++) {
      const line = lines[i];
      if (i === at) {
        title.push({ line, tokens: line.tokens.slice(0, mark.titleTokens) });
        if (mark.titleTokens < line.tokens.length) body.push({ line, tokens: line.tokens.slice(mark.titleTokens) });
      } else if (i > at && i <= at + mark.extraLines) title.push({ line, tokens: line.tokens });
      else body.push({ line, tokens: line.tokens });
    }
    return { mark, title, body };
  });
}

export function sectionStatus(hasRedactions: boolean, readableRatio: number, unread = false): SectionStatus {
  if (unread) return 'unread';
  if (!hasRedactions) return 'readable';
  return readableRatio <= REDACTED_RATIO ? 'redacted' : 'partial';
}

/** The box of a section's heading on its first page (absent for an untitled leading section). */
function headingBox(title: Segment[]): { headingBBox?: BBox } {
  const first = title[0];
  if (!first) return {};
  const boxes = title.filter((t) => t.line.page === first.line.page).map((t) => lineBoxOnPage(t.line));
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    headingBBox: [
      r(Math.min(...boxes.map((b) => b[0]))),
      r(Math.min(...boxes.map((b) => b[1]))),
      r(Math.max(...boxes.map((b) => b[2]))),
      r(Math.max(...boxes.map((b) => b[3]))),
    ],
  };
}

/** Parent of each mark: the nearest earlier mark with a smaller level, never a level-0 one. */
export function parentsOf(levels: readonly number[]): (number | null)[] {
  const stack: number[] = [];
  return levels.map((level, n) => {
    while (stack.length > 0 && levels[stack[stack.length - 1]] >= level) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    if (level > 0) stack.push(n);
    return parent;
  });
}

interface Figures {
  visible: number;
  /** Sum of the redactions' word estimates (unrounded). */
  hidden: number;
  redactionIds: string[];
  pages: Set<number>;
  unread: boolean;
}

const hiddenCount = (f: Figures): number => (f.redactionIds.length > 0 ? Math.max(1, Math.round(f.hidden)) : 0);
const ratioOf = (visible: number, hidden: number): number => (visible + hidden === 0 ? 1 : roundTo(visible / (visible + hidden), 3));

export interface SectionContext {
  /** What each redaction could hide (estimates.ts), by id; a missing one counts 1 word. */
  estimates?: ReadonlyMap<string, RedactionEstimate>;
  /** Pages with no text source, and why. */
  unread?: ReadonlyMap<number, UnreadReason>;
}

/** Own figures of each part: body words, redactions of title and body, pages. */
function ownFigures(parts: readonly SectionParts[], context: SectionContext): Figures[] {
  return parts.map((p) => {
    const visible = p.body.reduce((sum, b) => sum + b.tokens.filter((t) => t.kind === 'word').length, 0);
    const redactions: Redaction[] = [...p.title, ...p.body].flatMap((b) => b.tokens.flatMap((t) => (t.kind === 'redaction' ? [t.redaction] : [])));
    const hidden = redactions.reduce((sum, r) => sum + (context.estimates?.get(r.id)?.hiddenWordsEstimate ?? 1), 0);
    const pages = new Set([...p.title, ...p.body].map((b) => b.line.page));
    return { visible, hidden, redactionIds: redactions.map((r) => r.id), pages, unread: false };
  });
}

/** Gives each unread page to the section in effect there. */
function placeUnreadPages(parts: readonly SectionParts[], own: Figures[], unread: ReadonlyMap<number, UnreadReason>): void {
  for (const page of [...unread.keys()].sort((a, b) => a - b)) {
    let at = own.findIndex((f) => f.pages.has(page));
    if (at < 0) {
      at = 0;
      parts.forEach((p, n) => {
        const start = (p.title[0] ?? p.body[0])?.line.page ?? Infinity;
        if (start <= page) at = n;
      });
    }
    own[at].pages.add(page);
    own[at].unread = true;
  }
}

/**
 * Builds the sections: own figures, tree, extents. Marks must be in line order.
 */
export function buildSections(lines: readonly Line[], marks: readonly SectionMark[], context: SectionContext = {}): Section[] {
  const parts = splitAtMarks(lines, marks);
  if (parts.length === 0) return [];
  const own = ownFigures(parts, context);
  if (context.unread) placeUnreadPages(parts, own, context.unread);
  const parents = parentsOf(marks.map((m) => m.level));
  // extents: children come after their parent, so one backward pass adds each to its parent
  const extent: Figures[] = own.map((f) => ({ ...f, redactionIds: [...f.redactionIds], pages: new Set(f.pages) }));
  // redactions of the descendants, in document order
  const below: string[][] = parts.map(() => []);
  for (let n = parts.length - 1; n >= 0; n--) {
    const parent = parents[n];
    if (parent === null) continue;
    const p = extent[parent];
    p.visible += extent[n].visible;
    p.hidden += extent[n].hidden;
    below[parent].unshift(...extent[n].redactionIds, ...below[n]);
    for (const page of extent[n].pages) p.pages.add(page);
    p.unread ||= extent[n].unread;
  }
  return parts.map((p, n): Section => {
    const e = extent[n];
    const o = own[n];
    const redactionIds = [...e.redactionIds, ...below[n]];
    const hidden = redactionIds.length > 0 ? Math.max(1, Math.round(e.hidden)) : 0;
    const readableRatio = ratioOf(e.visible, hidden);
    const ownHidden = hiddenCount(o);
    const first = (p.title[0] ?? p.body[0]).line.page;
    // unread pages before the first text belong to the first section
    const pageStart = n === 0 ? Math.min(first, ...o.pages) : first;
    return {
      id: `s${n + 1}`,
      title: p.mark.title,
      ...(p.mark.titleAsRead !== undefined ? { titleAsRead: p.mark.titleAsRead } : {}),
      level: p.mark.level,
      parentId: parents[n] === null ? null : `s${parents[n]! + 1}`,
      pageStart,
      pageEnd: Math.max(...e.pages),
      status: sectionStatus(redactionIds.length > 0, readableRatio, e.unread),
      readableRatio,
      visibleWords: e.visible,
      hiddenWordsEstimate: hidden,
      redactionIds,
      own: { visibleWords: o.visible, hiddenWordsEstimate: ownHidden, readableRatio: ratioOf(o.visible, ownHidden) },
      ...headingBox(p.title),
    };
  });
}
