/**
 * A batch analysis worker: a child process that analyses one file at a time for the runner, on
 * request over IPC (see worker-core.ts). A crash or hang here fails only the file in hand; the
 * runner replaces us. We exit when the runner goes away, so a killed batch leaves no orphans.
 *
 * The pdf.js thread is started first: it loads pdf.js's worker code on another core while this
 * thread loads the pipeline (a one-file `redactmap analyze` waits for both).
 */
// first: V8's tier-up budget applies to the code compiled after it is set
import './tiering.js';
import { warmPdfWorker } from '../load/pdfjs-worker.js';

warmPdfWorker();
const { serveTasks } = await import('./worker-core.js');
serveTasks();
