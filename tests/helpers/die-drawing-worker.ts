/**
 * An analysis worker for tests: the real one (runTask), except that for a file whose name holds
 * "die-drawing" it sends the report as the real worker does before drawing (`analysed`) and then
 * kills its process (SIGKILL), as the memory ceiling or a crash in the renderer would. What the
 * runner keeps is the test. The analysis runs without the pictures, so nothing races the kill.
 */
import path from 'node:path';
import { runTask, serveTasks } from '../../src/batch/worker-core.js';
import type { TaskAnalysed, TaskSpec } from '../../src/batch/protocol.js';

serveTasks(async (id, task, send) => {
  if (!path.basename(task.file).includes('die-drawing')) return runTask(id, task, send);
  const analysisOnly: TaskSpec = { ...task, html: undefined, overlaysDir: undefined };
  await runTask(id, analysisOnly, (m) => {
    if (m.type !== 'done') return send(m);
    const analysed: TaskAnalysed = { ...m, type: 'analysed' };
    process.send!(analysed, () => process.kill(process.pid, 'SIGKILL'));
  });
});
