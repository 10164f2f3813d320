/**
 * Plain data shared by the pipeline stages.
 *
 * The types a report carries (redactions, leaks, notices, warnings, sections) are defined once, as
 * zod schemas in ./report-types.ts, and re-exported here; report/schema.ts composes the report
 * from them. Everything else here is internal working data.
 *
 * Coordinates: PDF points, origin at the top-left of the page as displayed (rotation applied),
 * x to the right, y downwards. A BBox is [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1.
 */
import type { ReportRedaction, UnreadReason } from './report-types.js';

export type BBox = [number, number, number, number];

/**
 * Which way text runs on the displayed page, in quarter turns clockwise: 0 left to right, 1 down
 * the page, 2 upside down (right to left), 3 up the page. Absent on glyphs and words: 0.
 */
export type TextDirection = 0 | 1 | 2 | 3;

/** An RGB colour with channels 0..255. */
export type Rgb = [number, number, number];

/** One character as drawn on the page (from the text layer or from OCR). */
export interface Glyph {
  /** The Unicode text of the glyph (usually one character, ligatures give more). */
  text: string;
  bbox: BBox;
  /** Paint order within the page: later draws cover earlier ones. */
  order: number;
  /** Effective font size in display points. */
  fontSize: number;
  fontName: string;
  bold: boolean;
  italic: boolean;
  /** Fill colour the glyph is painted with. */
  color: Rgb;
  /** Text render mode 3/7 (invisible), as in OCR layers. */
  invisible: boolean;
  /** True when the glyph is a space character. */
  isSpace: boolean;
  /** Form XObject instance the glyph was painted in (0 = page content); see PageFacts.groupBoxes. */
  group: number;
  /** Its fill colour does not tell how it looks: a pattern fill, a stroking render mode, a blend mode or a soft mask. */
  unknownPaint?: true;
  /** Which way its text runs on the displayed page, when not left to right. */
  dir?: TextDirection;
}

/** Why a glyph of the text layer was never drawn. */
export type UndrawnReason = 'clipped' | 'layer-off' | 'zero-size';

/** A glyph that is in the text layer (extractable) but that the page never draws. */
export type UndrawnGlyph = Glyph & { why: UndrawnReason };

/** A filled vector area (one painted path, after transform and clipping). */
export interface FilledShape {
  bbox: BBox;
  order: number;
  color: Rgb;
  /** Fill opacity 0..1. */
  alpha: number;
  /** True when the path is one axis-aligned rectangle (or a union of rectangles filling its bbox). */
  rectangular: boolean;
  /** Share of the bbox the path's own area covers, 0..1 (1 for a rectangle). */
  fillRatio: number;
  /** Form XObject instance the shape was painted in (0 = page content). */
  group: number;
  /** Its colour is not known from `color`: a pattern or shading, a blend mode or a soft mask. */
  unknownPaint?: true;
}

/** An image drawn on the page. */
export interface PlacedImage {
  bbox: BBox;
  order: number;
  /** Display-space matrix mapping the image's unit square (PDF image space) onto the page. */
  transform: [number, number, number, number, number, number];
  /** pdfjs object id of the decoded image (absent for inline images and masks). */
  objId?: string;
  /** Pixel size of the image, when known from the operator list. */
  pixelWidth?: number;
  pixelHeight?: number;
  /**
   * A 1-bit stencil mask (/ImageMask true): its set pixels are painted in the fill colour `color`.
   * objId then names the mask's bits; its size is here (not in pixelWidth, which sets the scan scale).
   */
  stencil?: { color: Rgb; width: number; height: number };
}

export interface PageAnnotation {
  /** PDF subtype: Redact, Square, Highlight, Ink, Link, ... */
  subtype: string;
  bbox: BBox;
  /** Quad points converted to boxes (Redact/Highlight), else [bbox]. */
  areas: BBox[];
  /** Interior colour (IC) or colour (C); undefined when transparent. */
  color?: Rgb;
  interiorColor?: Rgb;
  opacity: number;
  /** OverlayText of a Redact annotation, Contents of others. */
  overlayText?: string;
  /** Line width of the annotation's border or ink (points). */
  borderWidth?: number;
  /** Ink annotations: each stroke segment's box, widened by half the line width. */
  strokes?: BBox[];
  contents?: string;
  /** Annotation flags (/F): 1 invisible, 2 hidden, 32 no-view, ... */
  flags?: number;
  /** Plain text of the rich-text comment (/RC). */
  richText?: string;
  /** Text drawn by its appearance stream, as pdfjs extracts it (FreeText and form widgets). */
  appearanceText?: string;
  /** Text drawn by the appearance of an annotation not shown (NOT_SHOWN_FLAGS), read by us (facts/hidden-appearances.ts). */
  hiddenAppearanceText?: string;
  /** Widget annotations: the form field it shows. */
  field?: { name: string; type: string; value: string };
  /** It runs JavaScript (widget actions). */
  javascript?: true;
  /** FileAttachment annotations: the attached file. */
  file?: { name: string; bytes: number };
}

/** Everything read from one page before any judgement is made. */
export interface PageFacts {
  page: number;
  width: number;
  height: number;
  rotation: number;
  glyphs: Glyph[];
  shapes: FilledShape[];
  images: PlacedImage[];
  annotations: PageAnnotation[];
  /** The page's own JavaScript actions (its /AA: PageOpen, PageClose), by trigger. */
  scripts?: string[];
  /** Display-space box of each form XObject instance painted, by group number (0 = the page). */
  groupBoxes: BBox[];
  /** Text-layer glyphs the page never draws (clipped away, in a hidden layer, zero size). */
  undrawn?: UndrawnGlyph[];
  /** Paint order where annotation appearances begin: glyphs from there on are drawn by annotations. */
  appearancesFrom?: number;
  /** No operator of the page draws anything: nothing to render or OCR. */
  blank?: true;
}

/** A run of extractable text with its place on the page (pdfjs text content). */
export interface TextRun {
  text: string;
  bbox: BBox;
}

/** An entry of the document outline (bookmarks). */
export interface OutlineEntry {
  title: string;
  /** The page it points to, when it can be resolved. */
  page: number | null;
  depth: number;
}

/** A document-level metadata field (Info dictionary or XMP). */
export interface MetadataField {
  source: 'Info' | 'XMP';
  key: string;
  value: string;
}

/** An AcroForm field as the document holds it (whether or not a widget shows it). */
export interface FormField {
  name: string;
  type: string;
  value: string;
  /** The page of its widget, null when no page holds it. */
  page: number | null;
  hidden: boolean;
}

/** Everything read from the document as a whole, beyond its pages' drawing. */
export interface DocumentFacts {
  outline: OutlineEntry[];
  /** Names of named destinations. */
  destinationNames: string[];
  metadata: MetadataField[];
  attachments: { name: string; bytes: number }[];
  /** Where document-level JavaScript is attached ("document: OpenAction", "document: <script name>"). */
  javascript: string[];
  fields: FormField[];
  /** Optional-content groups (layers) and whether they are shown by default. */
  layers: { name: string; visible: boolean }[];
  /** Byte offsets where each saved revision ends (one per incremental save; the last is the file). */
  revisionEnds: number[];
}

/** The extractable text of an earlier revision of the file, page by page. */
export interface RevisionText {
  /** 1 = the first saved. */
  revision: number;
  pages: TextRun[][];
}

export type {
  RedactionSource,
  RedactionStyle,
  LeakKind,
  Leak,
  Notice,
  NoticeKind,
  AnalysisWarning,
  Section,
  SectionStatus,
  SectionOwnStats,
  UnreadReason,
} from './report-types.js';

/**
 * A redaction as detection finds it: the report's redaction plus its page, without the hidden-text
 * estimates, which the text stage measures against the surrounding text (RedactionEstimate).
 */
export type Redaction = Omit<ReportRedaction, keyof RedactionEstimate> & { page: number };

/** What the text stage estimates a redaction hides. */
export type RedactionEstimate = Pick<ReportRedaction, 'hiddenWordsEstimate' | 'hiddenCharsEstimate'>;

/** A word the reader can see, fed to text assembly (from the text layer or OCR). */
export interface Word {
  text: string;
  bbox: BBox;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  /** OCR confidence 0..100, absent for the text layer. */
  confidence?: number;
  /** Which way it reads on the displayed page, when not left to right (see text/direction.ts). */
  dir?: TextDirection;
  /** Mostly invisible glyphs (render mode 3/7): a text layer's OCR, made by whatever tool made the file. */
  invisible?: true;
  /** Picture text: an invisible OCR layer's word over a picture on a page that sets its own text (detect/picture-text.ts). */
  picture?: true;
}

/** Input of text assembly for one page. */
export interface PageLayout {
  page: number;
  width: number;
  height: number;
  words: Word[];
  redactions: Redaction[];
  /** Why the page's text could not be read (no text source): its sections are "unread", not redacted. */
  unread?: UnreadReason;
}
