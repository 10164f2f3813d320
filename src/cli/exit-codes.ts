/** Documented exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** analyze: the file could not be analysed; batch: at least one file failed */
  failed: 1,
  usage: 2,
  /** analyze --fail-on-leak: the report has at least one leak */
  leak: 3,
} as const;
