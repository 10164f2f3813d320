/** Is a process alive? (The lock of a batch names its owner's pid.) */
import { readFileSync } from 'node:fs';

/**
 * True when process `pid` exists and has not exited. A killed process stays in the process table as
 * a zombie until its parent reaps it (or forever, under a container init that does not): it
 * answers signal 0, yet it is dead, and its lock must not block `--resume` (Linux: state Z or X in
 * /proc/<pid>/stat).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false; // no /proc (macOS): signal 0 is all there is
  }
  // "pid (comm) S ...": the command may hold spaces and parentheses, the state follows the last ")"
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}
