/**
 * An analysis worker for the serve and queue tests: the real one (runTask), held at a gate. When
 * REDACTMAP_TEST_GATE names a folder, each task first writes `started-<pid>-<id>` there (holding
 * the task's label) and then waits until a file named `release` appears: the test decides when an
 * analysis may finish, so nothing depends on how fast this machine is. A file whose name holds
 * "crash" kills its process (SIGSEGV).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTask, serveTasks } from '../../src/batch/worker-core.js';

serveTasks(async (id, task, send) => {
  if (path.basename(task.file).includes('crash')) process.kill(process.pid, 'SIGSEGV');
  const gate = process.env.REDACTMAP_TEST_GATE;
  if (gate) {
    writeFileSync(path.join(gate, `started-${process.pid}-${id}`), task.label);
    while (!existsSync(path.join(gate, 'release'))) await new Promise((r) => setTimeout(r, 25));
  }
  return runTask(id, task, send);
});
