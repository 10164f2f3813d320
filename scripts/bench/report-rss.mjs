// Preloaded into a benchmarked process (node --import): at exit, write its peak RSS (KiB) to the
// file named by REDACTMAP_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const file = process.env.REDACTMAP_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
