/**
 * Write a file atomically: a temporary name in the same folder, flushed to disk, then renamed over
 * the target. A reader (or a run killed at any moment) sees the old file or the whole new one,
 * never a truncated one. Temporary names match TEMP_FILE_PATTERN, so a later run can sweep the
 * leftovers of a killed one.
 */
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** Names of the temporary files writeFileAtomic creates: ".<name>.<pid>.<n>.tmp". */
export const TEMP_FILE_PATTERN = /^\..+\.\d+\.\d+\.tmp$/;

/** The data in a flushed temporary file beside `file`; resolves to its path. */
async function writeTemp(file: string, data: string | Uint8Array): Promise<string> {
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
    return tmp;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = await writeTemp(file, data);
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Write a file atomically unless it exists: the same flushed temporary file, hard-linked to the
 * target (link fails when the target exists, so of two writers racing for one name only one
 * wins, and the other overwrites nothing). Resolves to false when the target was already there.
 */
export async function writeFileExclusive(file: string, data: string | Uint8Array): Promise<boolean> {
  const tmp = await writeTemp(file, data);
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
