// Preloaded (`node -r bench/reportUsage.js …`) into a process the bench times: at exit it writes that process's own
// resource usage (CPU µs, peak RSS KiB) to $BENCH_USAGE_FILE, so each child is measured alone, start-up included.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.BENCH_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ userUs: usage.userCPUTime, systemUs: usage.systemCPUTime, maxRssKb: usage.maxRSS }));
  });
}
