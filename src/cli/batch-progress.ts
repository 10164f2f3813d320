/**
 * Batch progress on stderr. On a terminal: one bar redrawn in place that counts pages (not files),
 * names the stage of the file in hand and the time left, with each file's result printed above it
 * as it finishes (leaks in red). Otherwise: plain lines, one per finished file, plus a heartbeat
 * line while a long file is in hand.
 *
 * Time left comes from measured work per second: a page read from its text layer is one unit of
 * work, a scanned page (rendered, OCRed) SCAN_PAGE_WEIGHT units; files not started yet are
 * estimated from their size at the units per byte measured so far. The estimate converges as
 * files finish.
 */
import type { BatchEvents, BatchFinish, BatchStart, FileStage } from '../batch/run-batch.js';
import type { BatchInput } from '../batch/discover.js';
import type { IndexEntry } from '../batch/index-file.js';

/** Work units of a scanned (rendered, OCRed) page, against 1 for a page read from its text layer. */
export const SCAN_PAGE_WEIGHT = 10;
/** Bars are drawn at most this often (ms) unless something finishes. */
export const REDRAW_MS = 100;
/** Width assumed when the terminal does not say. */
export const DEFAULT_COLUMNS = 80;

export interface ProgressOptions {
  write: (s: string) => void;
  /** stderr is a terminal: draw a bar. */
  tty: boolean;
  columns?: () => number | undefined;
  now?: () => number;
  /** Plain mode: a "still working" line after this long without output, ms. Default 30 s. */
  heartbeatMs?: number;
  /** Where the reports go (named in the last line). */
  outDir?: string;
  /** Colour the results (leaks red, failures red, clean files green). */
  color?: boolean;
}

/** "0:42", "12:05", "1:02:03". */
export function formatDuration(ms: number): string {
  const t = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Cut a name to `width` characters in the middle: "docket/2024/very…/exhibit-12.pdf". */
export function cutMiddle(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width <= 1) return chars.slice(0, width).join('');
  const tail = Math.ceil((width - 1) / 2);
  return chars.slice(0, width - 1 - tail).join('') + '…' + chars.slice(chars.length - tail).join('');
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, w: string) => `${n(x)} ${w}${x === 1 ? '' : 's'}`;

interface InFlight {
  input: BatchInput;
  pagesDone: number;
  pagesTotal: number;
  /** Pages read from the text layer (counted before the scanned ones). */
  textPages: number | undefined;
  stage: FileStage | undefined;
}

/** Work units of a file's pages: its text pages and its scanned pages. */
function units(f: InFlight, done = f.pagesTotal): number {
  const text = f.textPages ?? f.pagesTotal;
  return Math.min(done, text) + Math.max(0, done - text) * SCAN_PAGE_WEIGHT;
}

/** Measured work: what finished and what is in hand, to estimate what is left. */
class WorkMeter {
  unitsDone = 0;
  pagesDone = 0;
  private measuredUnits = 0;
  private measuredPages = 0;
  private measuredBytes = 0;

  finished(f: InFlight | undefined, entry: IndexEntry): void {
    const pages = entry.summary?.pages ?? f?.pagesTotal ?? 0;
    const u = f && f.pagesTotal ? units(f) : pages;
    this.unitsDone += u;
    this.pagesDone += pages;
    if (entry.status === 'ok' && f) {
      this.measuredUnits += u;
      this.measuredPages += pages;
      this.measuredBytes += f.input.bytes;
    }
  }

  /** Units and pages of the files not started, estimated from their bytes (undefined: nothing measured yet). */
  estimate(bytes: number): { units: number; pages: number } | undefined {
    if (!this.measuredBytes) return bytes ? undefined : { units: 0, pages: 0 };
    return { units: (bytes * this.measuredUnits) / this.measuredBytes, pages: Math.round((bytes * this.measuredPages) / this.measuredBytes) };
  }
}

export class ProgressReporter implements BatchEvents {
  private readonly o: Required<Omit<ProgressOptions, 'outDir'>> & { outDir?: string };
  private total = 0;
  private done = 0;
  private failed = 0;
  private bytesNotStarted = 0;
  private t0 = 0;
  private lastOutput = 0;
  private lastDraw = 0;
  /** Characters of the bar on screen (0: none), and the width it was drawn at. */
  private barLength = 0;
  private barColumns = DEFAULT_COLUMNS;
  private readonly meter = new WorkMeter();
  private readonly inFlight = new Map<string, InFlight>();
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: ProgressOptions) {
    this.o = { columns: () => undefined, now: () => Date.now(), heartbeatMs: 30_000, color: false, ...opts };
  }

  start(info: BatchStart): void {
    this.t0 = this.o.now();
    this.lastOutput = this.t0;
    this.total = info.total;
    this.done = info.resumed;
    this.bytesNotStarted = info.bytesToDo;
    const notes: string[] = [];
    if (info.resumed) notes.push(`${n(info.resumed)} already done (--resume)`);
    if (info.ignored) notes.push(`${plural(info.ignored, 'other file')} ignored`);
    this.line(`redactmap batch: ${plural(info.total, 'PDF')} found${notes.length ? `, ${notes.join(', ')}` : ''}`);
    this.timer = setInterval(() => this.tick(), this.o.tty ? 1000 : 5000);
    this.timer.unref?.();
  }

  fileStarted(input: BatchInput): void {
    this.inFlight.set(input.rel, { input, pagesDone: 0, pagesTotal: 0, textPages: undefined, stage: undefined });
    this.bytesNotStarted = Math.max(0, this.bytesNotStarted - input.bytes);
    this.draw();
  }

  filePages(input: BatchInput, pagesDone: number, pagesTotal: number, stage?: FileStage): void {
    const f = this.inFlight.get(input.rel);
    if (f) {
      // the first count is the pages that need no scanning: the rest are scanned
      if (f.textPages === undefined) f.textPages = pagesDone;
      f.pagesDone = pagesDone;
      f.pagesTotal = pagesTotal;
      if (stage) f.stage = stage;
    }
    this.draw();
  }

  fileFinished(input: BatchInput, entry: IndexEntry): void {
    const f = this.inFlight.get(input.rel);
    this.inFlight.delete(input.rel);
    this.meter.finished(f, entry);
    this.done++;
    if (entry.status === 'error') this.failed++;
    if (this.o.tty) this.line(this.result(entry));
    else {
      const s = entry.summary;
      const what =
        entry.status === 'ok' && s
          ? `${s.leaks ? 'LEAKS ' : 'ok    '} ${entry.path} (${plural(s.pages, 'page')}, ${plural(s.redactions, 'redaction')}, ${plural(s.leaks, 'leak')})`
          : `error  ${entry.path}: ${entry.error}`;
      this.line(`[${this.done}/${this.total}] ${what}  ${this.times()}`);
    }
  }

  finish(r: BatchFinish): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearBar();
    const t = r.index.totals;
    if (r.interrupted) {
      this.line(`redactmap batch: interrupted after ${formatDuration(r.elapsedMs)}; ${n(this.done)} of ${n(this.total)} files done. Run again with --resume to finish.`);
      return;
    }
    const parts = [`${n(t.ok)} ok`, `${n(t.error)} failed`];
    if (r.resumed) parts.push(`${n(r.resumed)} resumed`);
    this.line(
      `redactmap batch: ${plural(t.files, 'file')} in ${formatDuration(r.elapsedMs)} (${parts.join(', ')}); ` +
        `${plural(t.pages, 'page')}, ${plural(t.redactions, 'redaction')}, ${plural(t.leaks, 'leak')}` +
        (this.o.outDir ? `. Index: ${this.o.outDir.replace(/\/+$/, '')}/index.json` : ''),
    );
  }

  private paint(code: number, s: string): string {
    return this.o.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }

  /** One finished file, printed above the bar: "✓ a.pdf  3 pages, 2 redactions, no leaks". */
  private result(entry: IndexEntry): string {
    const width = this.columns() - 1;
    const s = entry.summary;
    if (entry.status === 'error' || !s) return this.paint(31, cutMiddle(`  ✗ ${entry.path}: ${entry.error}`, width));
    const facts = `${plural(s.pages, 'page')}, ${plural(s.redactions, 'redaction')}, ${s.leaks ? plural(s.leaks, 'LEAK').toUpperCase() : 'no leaks'}`;
    const name = cutMiddle(entry.path, Math.max(12, width - facts.length - 6));
    return s.leaks ? this.paint(31, `  ! ${name}  ${facts}`) : `  ${this.paint(32, '✓')} ${name}  ${facts}`;
  }

  /** The work left, in units, and the pages expected in all (undefined when nothing is measured yet). */
  private outlook(): { unitsDone: number; unitsLeft: number | undefined; pagesDone: number; pagesTotal: number; estimated: boolean } {
    let unitsDone = this.meter.unitsDone;
    let pagesDone = this.meter.pagesDone;
    let pagesKnown = this.meter.pagesDone;
    let unitsLeft: number | undefined = 0;
    let unknownBytes = this.bytesNotStarted;
    for (const f of this.inFlight.values()) {
      if (!f.pagesTotal) {
        unknownBytes += f.input.bytes;
        continue;
      }
      unitsDone += units(f, f.pagesDone);
      unitsLeft += units(f) - units(f, f.pagesDone);
      pagesDone += f.pagesDone;
      pagesKnown += f.pagesTotal;
    }
    const rest = this.meter.estimate(unknownBytes);
    unitsLeft = rest ? unitsLeft + rest.units : undefined;
    return { unitsDone, unitsLeft, pagesDone, pagesTotal: pagesKnown + (rest?.pages ?? 0), estimated: unknownBytes > 0 };
  }

  /** "0:42 elapsed, ~1:10 left" */
  private times(): string {
    const elapsed = this.o.now() - this.t0;
    const { unitsDone, unitsLeft } = this.outlook();
    const eta = unitsDone > 0 && unitsLeft !== undefined && elapsed > 500 && this.done < this.total ? `, ~${formatDuration((elapsed * unitsLeft) / unitsDone)} left` : '';
    return `${formatDuration(elapsed)} elapsed${eta}`;
  }

  private current(room: number): string {
    const list = [...this.inFlight.values()];
    if (!list.length) return '';
    const f = list[0];
    const stage = f.stage === 'drawing' ? 'drawing' : f.pagesTotal ? `${f.stage === 'scanning' ? 'scanning' : 'reading'} p${f.pagesDone}/${f.pagesTotal}` : 'opening';
    const more = list.length > 1 ? ` (+${list.length - 1})` : '';
    return `${stage} ${cutMiddle(f.input.rel, Math.max(8, room - stage.length - more.length - 1))}${more}`;
  }

  private tick(): void {
    if (this.o.tty) return this.draw(true);
    const now = this.o.now();
    if (now - this.lastOutput >= this.o.heartbeatMs && this.inFlight.size) {
      this.line(`[${this.done}/${this.total}] working: ${this.current(60)}  ${this.times()}`);
    }
  }

  private columns(): number {
    const c = this.o.columns();
    return c && c >= 20 ? c : DEFAULT_COLUMNS;
  }

  /** The bar line, at most `cols - 1` characters (a full line would wrap on some terminals). */
  barText(cols: number): string {
    const o = this.outlook();
    const share = o.unitsLeft !== undefined && o.unitsDone + o.unitsLeft > 0 ? o.unitsDone / (o.unitsDone + o.unitsLeft) : this.total ? this.done / this.total : 1;
    const width = cols >= 100 ? 20 : 10;
    const fill = Math.max(0, Math.min(width, Math.round(width * share)));
    const pages = o.unitsLeft === undefined ? `${n(o.pagesDone)} pages` : `${n(o.pagesDone)}/${o.estimated ? '~' : ''}${n(o.pagesTotal)} pages`;
    const head = `[${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${pages} · ${this.done}/${this.total} files · ${this.times()}`;
    const room = cols - 1 - [...head].length - 2;
    const text = room >= 16 ? `${head}  ${this.current(room)}` : head;
    return [...text].length > cols - 1 ? [...text].slice(0, cols - 2).join('') + '…' : text;
  }

  private draw(force = false): void {
    if (!this.o.tty) return;
    const now = this.o.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const cols = this.columns();
    const text = this.barText(cols);
    this.o.write(this.erase(cols) + text);
    this.barLength = [...text].length;
    this.barColumns = cols;
  }

  /**
   * Erase the bar on screen. A terminal narrowed since it was drawn may have wrapped it onto
   * several rows (most reflow on resize): go up to its first row and clear to the end of the screen.
   */
  private erase(cols: number): string {
    if (!this.barLength) return '\r\x1b[2K';
    const rows = cols < this.barColumns ? Math.ceil(this.barLength / cols) : 1;
    return rows > 1 ? `\x1b[${rows - 1}A\r\x1b[J` : '\r\x1b[2K';
  }

  private clearBar(): void {
    if (this.barLength) this.o.write(this.erase(this.columns()));
    this.barLength = 0;
  }

  private line(s: string): void {
    this.clearBar();
    this.o.write(s + '\n');
    this.lastOutput = this.o.now();
    // the bar stays under the lines while the run goes on (start() to finish())
    if (this.o.tty && this.timer) this.draw(true);
  }
}
