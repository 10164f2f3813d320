/**
 * Write a file atomically: a temporary name in the same folder, flushed to disk, then renamed over
 * the target. A reader (or a run killed at any moment) sees the old file or the whole new one,
 * never a truncated one. Temporary names match TEMP_FILE_PATTERN, so a later run can sweep the
 * leftovers of a killed one.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** Names of the temporary files writeFileAtomic creates: ".<name>.<pid>.<n>.tmp". */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.\d+\.tmp$/;

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
