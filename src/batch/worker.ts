/**
 * A batch analysis worker: a child process that analyses one file at a time for the runner, on
 * request over IPC (see worker-core.ts). A crash or hang here fails only the file in hand; the
 * runner replaces us. We exit when the runner goes away, so a killed batch leaves no orphans.
 */
import { serveTasks } from './worker-core.js';

serveTasks();
