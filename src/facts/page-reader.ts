/**
 * A document's pages, read in order, one page ahead: while the caller works on page n (its
 * operator walk, detections, text), the pdf.js thread already parses page n + 1. The two threads
 * then work at once instead of in turn.
 *
 * pdf.js says what it skipped only in warnings, which arrive on the thread's port without a page
 * (pdfjs-warnings.ts gives them `scope.page`). Only one page is ever being read, and its
 * warnings arrive before its reply, so `scope.page` names the page in flight: set when a page is
 * asked for, which is when the page before it has arrived. Warnings stay on the right page.
 */
import { AnalysisError, oneLine } from '../errors.js';
import type { PDFDocumentProxy, PDFPageProxy } from '../load/pdfjs.js';
import type { WarningScope } from '../load/pdfjs-warnings.js';
import { fetchPageContent, type PageContent } from './page-facts.js';

/** A page and its content, or why its content could not be read (the page is then skipped). */
export type FetchedPage = { page: PDFPageProxy; content: PageContent } | { page: PDFPageProxy; error: unknown };

export class PageReader {
  private pending: { n: number; got: Promise<FetchedPage> } | undefined;

  constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly path: string,
    private readonly scope: WarningScope,
  ) {}

  /**
   * Page n (asking for it now unless it was asked for ahead), then asks for page n + 1. Rejects
   * (AnalysisError `damaged`) when pdf.js cannot give the page itself.
   */
  async take(n: number): Promise<FetchedPage> {
    const got = this.pending?.n === n ? this.pending.got : this.fetch(n);
    this.pending = undefined;
    const fetched = await got;
    if (n < this.doc.numPages) this.pending = { n: n + 1, got: this.fetch(n + 1) };
    else this.scope.page = null;
    return fetched;
  }

  private fetch(n: number): Promise<FetchedPage> {
    this.scope.page = n;
    const got = getPage(this.doc, n, this.path).then((page) =>
      fetchPageContent(page, (work) => (this.scope.reread ? this.scope.reread(work) : work())).then(
        (content) => ({ page, content }),
        (error: unknown) => ({ page, error }),
      ),
    );
    got.catch(() => undefined); // a page asked for ahead may never be taken (the analysis ended)
    return got;
  }
}

async function getPage(doc: PDFDocumentProxy, n: number, path: string): Promise<PDFPageProxy> {
  try {
    return await doc.getPage(n);
  } catch (e) {
    throw new AnalysisError('damaged', `damaged PDF: page ${n} cannot be read (${oneLine(e)})`, path, { cause: e });
  }
}
