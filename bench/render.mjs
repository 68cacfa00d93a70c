// Re-renders the table and bench/RESULTS.md from a results file without measuring again.
// Usage: node bench/render.mjs [bench/results/latest.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { renderTable, renderMarkdown } from './report.mjs';

const file = process.argv[2] ?? new URL('./results/latest.json', import.meta.url).pathname;
const result = JSON.parse(readFileSync(file, 'utf8'));
console.log(renderTable(result));
if (result.mode === 'full') writeFileSync(new URL('./RESULTS.md', import.meta.url), renderMarkdown(result));
