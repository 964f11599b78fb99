// Sums the counters of every .trx file under a directory and prints "N passed, N failed[, N skipped]".
// The optional second argument counts test projects that crashed before writing results, as failures.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.trx')) files.push(path);
  }
};
try { walk(root); } catch { /* no results: every count stays zero */ }

let passed = 0, failed = Number(process.argv[3] ?? 0), skipped = 0;
for (const file of files) {
  const counters = readFileSync(file, 'utf8').match(/<Counters\b[^>]*>/);
  if (!counters) continue;
  const value = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [0, 0])[1]);
  passed += value('passed');
  failed += value('failed') + value('error') + value('timeout') + value('aborted');
  skipped += value('notExecuted');
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
