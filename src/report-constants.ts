/**
 * The report's plain constants: its kinds and what each means, and its versions. The zod schemas
 * (report-types.ts, report/schema.ts) are built from these and remain the one source of truth for
 * the report's shape; code that runs on every analysis (report building, the CLI's output) takes
 * its constants from here, so that it starts without loading zod (~150 ms, measured).
 */
import { createRequire } from 'node:module';

/**
 * The order of a leak's and a notice's fields in the report (the zod schemas' order: a test holds
 * them equal). The report is built in the schema's own order, so that it is the same JSON whether
 * or not it is checked against the schema (REDACTMAP_VALIDATE_REPORTS, report/build-report.ts).
 */
export const LEAK_FIELDS = ['kind', 'page', 'bbox', 'text', 'redactionId', 'detail', 'confidence', 'revision'] as const;
export const NOTICE_FIELDS = ['kind', 'page', 'detail', 'redactionId', 'widthPt', 'charsEstimate', 'name', 'bytes', 'count'] as const;

/** The report schema's version (schemaVersion). */
export const SCHEMA_VERSION = 2 as const;

/** redactmap's version (generator.version), from package.json. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

export const REDACTION_SOURCES = ['vector', 'annotation', 'raster'] as const;
export const REDACTION_STYLES = ['solid', 'white', 'outline', 'marker'] as const;

export const LEAK_KINDS = [
  'text-under-box',
  'unapplied-annotation',
  'image-under-box',
  'text-under-image',
  'hidden-text',
  'earlier-revision',
  'outline',
  'metadata',
  'annotation-text',
  'form-field',
] as const;

/** What each leak kind means: the schema's documentation, `analyze --checks`, and the reports' headings. */
export const LEAK_KIND_INFO: Record<(typeof LEAK_KINDS)[number], string> = {
  'text-under-box': 'text still extractable under a redaction box of any colour (black boxes, white-out, white Square or FreeText annotations)',
  'unapplied-annotation': 'text under a Redact annotation that was marked but never applied',
  'image-under-box': 'an embedded image under a box still shows what the box hides',
  'text-under-image': 'live text covered by an opaque image drawn after it (an image used as a bar)',
  'hidden-text':
    'text the page holds but never shows: invisible (render mode 3) with no scan under it, the colour of its background, under 1 pt or of size zero, outside the crop box, in a hidden layer, or clipped away',
  'earlier-revision': 'text an earlier saved revision of the file shows and the final revision removed',
  outline: 'bookmark titles or named destinations holding words the pages do not show (in a document with redactions)',
  metadata: 'title, subject, author, keywords or custom metadata holding words the pages do not show (in a document with redactions)',
  'annotation-text': 'comments (/Contents, /RC) and annotation text holding words the pages do not show (in a document with redactions)',
  'form-field': 'form values that no widget shows (hidden, off the page, covered, or without a widget) holding words the pages do not show',
};


export const NOTICE_KINDS = ['attachment', 'javascript', 'form-fields', 'hidden-layers', 'revisions', 'width-measurable'] as const;

/** What each notice kind means (notices are facts worth knowing, never leaks). */
export const NOTICE_KIND_INFO: Record<(typeof NOTICE_KINDS)[number], string> = {
  attachment: 'an embedded file (its name and size)',
  javascript: 'JavaScript the document or an annotation runs',
  'form-fields': 'the document has form fields (how many)',
  'hidden-layers': 'optional-content layers hidden by default (how many, their names)',
  revisions: 'the file was saved incrementally: earlier revisions can be recovered (how many revisions)',
  'width-measurable':
    'a redaction in born-digital text whose neighbours keep their exact glyph positions: the width of the removed text can be measured (width and estimated characters; nothing recovered)',
};


export const SECTION_STATUSES = ['readable', 'partial', 'redacted', 'unread'] as const;
export const UNREAD_REASONS = ['ocr-off', 'ocr-failed', 'no-text-found', 'skipped'] as const;
