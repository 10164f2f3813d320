/** The review page's section sidebar: the section tree (parentId), status colours, readable %, links. */
import type { ReportSection } from '../../report/schema.js';
import { STATUS_TEXT } from '../words.js';
import { esc, idPart } from './escape.js';

export const sectionAnchor = (s: ReportSection) => `sec-${idPart(s.id)}`;

/** Children of each section id ('' for the roots), in document order; a dangling parentId is a root. */
export function sectionTree(sections: ReportSection[]): Map<string, ReportSection[]> {
  const ids = new Set(sections.map((s) => s.id));
  const children = new Map<string, ReportSection[]>();
  for (const s of sections) {
    const parent = s.parentId !== null && ids.has(s.parentId) && s.parentId !== s.id ? s.parentId : '';
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  return children;
}

export const sectionTitle = (s: ReportSection) => s.title.replace(/\s+/g, ' ').trim() || '(untitled)';

function item(s: ReportSection, tree: Map<string, ReportSection[]>, seen: Set<string>): string {
  seen.add(s.id);
  const pct = `${Math.round(s.readableRatio * 100)}%`;
  const pages = s.pageStart === s.pageEnd ? `page ${s.pageStart}` : `pages ${s.pageStart}–${s.pageEnd}`;
  const label = `${sectionTitle(s)}: ${STATUS_TEXT[s.status]}, ${pct} readable, ${pages}`;
  const kids = (tree.get(s.id) ?? []).filter((c) => !seen.has(c.id));
  return (
    `<li><a href="#${sectionAnchor(s)}" aria-label="${esc(label)}" title="${esc(label)}" style="--c:var(--${s.status})">` +
    `<span class="dot" aria-hidden="true"></span><span class="t">${esc(sectionTitle(s))}</span><span class="p" aria-hidden="true">${s.status === 'unread' ? 'unread' : pct}</span></a>` +
    (kids.length ? `<ul>${kids.map((c) => item(c, tree, seen)).join('')}</ul>` : '') +
    '</li>'
  );
}

export function reviewToc(sections: ReportSection[]): string {
  const tree = sectionTree(sections);
  const seen = new Set<string>();
  const roots = (tree.get('') ?? []).map((s) => item(s, tree, seen)).join('');
  // sections in a parent cycle are never reached from a root: list them at the top level
  const rest = sections.filter((s) => !seen.has(s.id)).map((s) => item(s, tree, seen)).join('');
  const body = sections.length ? `<ul>${roots}${rest}</ul>` : '<p class="muted">No sections found.</p>';
  const legend = (['readable', 'partial', 'redacted', 'unread'] as const)
    .map((k) => `<span class="st st-${k}">● ${STATUS_TEXT[k]}</span>`)
    .join(' ');
  return `<nav class="toc" aria-label="Sections"><h2>Sections</h2><p class="muted" style="font-size:.8rem">${legend}</p>${body}</nav>`;
}
