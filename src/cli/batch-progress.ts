/**
 * Batch progress on stderr: files done of total, the file in hand, elapsed and remaining time.
 * On a terminal a single redrawn bar (failures printed above it); otherwise plain lines, one per
 * finished file, plus a heartbeat line while a long file is in hand.
 */
import type { BatchEvents, BatchFinish, BatchStart } from '../batch/run-batch.js';
import type { BatchInput } from '../batch/discover.js';
import type { IndexEntry } from '../batch/index-file.js';

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

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, w: string) => `${n(x)} ${w}${x === 1 ? '' : 's'}`;

interface InFlight {
  input: BatchInput;
  pagesDone: number;
  pagesTotal: number;
}

export class ProgressReporter implements BatchEvents {
  private readonly o: Required<Omit<ProgressOptions, 'outDir'>> & { outDir?: string };
  private total = 0;
  private done = 0;
  private failed = 0;
  private bytesToDo = 0;
  private bytesDone = 0;
  private t0 = 0;
  private lastOutput = 0;
  private lastDraw = 0;
  private barShown = false;
  private readonly inFlight = new Map<string, InFlight>();
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: ProgressOptions) {
    this.o = {
      columns: () => undefined,
      now: () => Date.now(),
      heartbeatMs: 30_000,
      ...opts,
    };
  }

  start(info: BatchStart): void {
    this.t0 = this.o.now();
    this.lastOutput = this.t0;
    this.total = info.total;
    this.done = info.resumed;
    this.bytesToDo = info.bytesToDo;
    const notes: string[] = [];
    if (info.resumed) notes.push(`${n(info.resumed)} already done (--resume)`);
    if (info.ignored) notes.push(`${plural(info.ignored, 'other file')} ignored`);
    this.line(`redactmap batch: ${plural(info.total, 'PDF')} found${notes.length ? `, ${notes.join(', ')}` : ''}`);
    this.timer = setInterval(() => this.tick(), this.o.tty ? 1000 : 5000);
    this.timer.unref?.();
  }

  fileStarted(input: BatchInput): void {
    this.inFlight.set(input.rel, { input, pagesDone: 0, pagesTotal: 0 });
    this.draw();
  }

  filePages(input: BatchInput, pagesDone: number, pagesTotal: number): void {
    const f = this.inFlight.get(input.rel);
    if (f) {
      f.pagesDone = pagesDone;
      f.pagesTotal = pagesTotal;
    }
    this.draw();
  }

  fileFinished(input: BatchInput, entry: IndexEntry): void {
    this.inFlight.delete(input.rel);
    this.done++;
    this.bytesDone += input.bytes;
    if (entry.status === 'error') this.failed++;
    if (this.o.tty) {
      if (entry.status === 'error') this.line(`  ✗ ${entry.path}: ${entry.error}`);
      this.draw();
    } else {
      const head = `[${this.done}/${this.total}]`;
      const what =
        entry.status === 'ok' && entry.summary
          ? `ok     ${entry.path} (${plural(entry.summary.pages, 'page')}, ${plural(entry.summary.redactions, 'redaction')}, ${plural(entry.summary.leaks, 'leak')})`
          : `error  ${entry.path}: ${entry.error}`;
      this.line(`${head} ${what}  ${this.times()}`);
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

  /** "0:42 elapsed, ~1:10 left" */
  private times(): string {
    const elapsed = this.o.now() - this.t0;
    let work = this.bytesDone;
    for (const f of this.inFlight.values()) if (f.pagesTotal > 0) work += (f.input.bytes * f.pagesDone) / f.pagesTotal;
    const left = this.bytesToDo - work;
    const eta = work > 0 && elapsed > 500 && this.done < this.total ? `, ~${formatDuration((elapsed * Math.max(0, left)) / work)} left` : '';
    return `${formatDuration(elapsed)} elapsed${eta}`;
  }

  private current(): string {
    const list = [...this.inFlight.values()];
    if (!list.length) return '';
    const f = list[0];
    const pages = f.pagesTotal ? ` p${f.pagesDone}/${f.pagesTotal}` : '';
    return `${f.input.rel}${pages}${list.length > 1 ? ` (+${list.length - 1})` : ''}`;
  }

  private tick(): void {
    if (this.o.tty) return this.draw(true);
    const now = this.o.now();
    if (now - this.lastOutput >= this.o.heartbeatMs && this.inFlight.size) {
      this.line(`[${this.done}/${this.total}] working: ${this.current()}  ${this.times()}`);
    }
  }

  private draw(force = false): void {
    if (!this.o.tty) return;
    const now = this.o.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const c = this.o.columns();
    const cols = c && c >= 40 ? c - 1 : 79;
    const width = 20;
    const fill = this.total ? Math.round((width * this.done) / this.total) : width;
    const bar = `[${'█'.repeat(fill)}${'░'.repeat(width - fill)}]`;
    let text = `${bar} ${this.done}/${this.total}  ${this.times()}  ${this.current()}`;
    if ([...text].length > cols) text = [...text].slice(0, cols - 1).join('') + '…';
    this.o.write(`\r\x1b[2K${text}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (this.barShown) this.o.write('\r\x1b[2K');
    this.barShown = false;
  }

  private line(s: string): void {
    this.clearBar();
    this.o.write(s + '\n');
    this.lastOutput = this.o.now();
    if (this.o.tty && this.inFlight.size) this.draw(true);
  }
}
