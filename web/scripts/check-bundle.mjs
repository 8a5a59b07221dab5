// Checks the web app's initial JavaScript against its budget (issue 8: under
// 250 KB gzip). "Initial" is what index.html makes the browser fetch before
// the first page can render: the entry module and every chunk it
// modulepreloads. Pages loaded on demand (lazy routes, charts) are not counted.
//
// Run after `vite build`: node scripts/check-bundle.mjs [dist directory]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetBytes = 250 * 1024;
const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`check-bundle: ${join(dist, 'index.html')} not found; run vite build first`);
  process.exit(1);
}

// Attributes in any order; Vite writes src/href as absolute paths under /.
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const files = [];
for (const tag of tags) {
  const attr = (name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  const isEntry = tag.startsWith('<script') && attr('type') === 'module' && attr('src');
  const isPreload = tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href');
  if (isEntry) files.push(attr('src'));
  else if (isPreload) files.push(attr('href'));
}
if (files.length === 0) {
  console.error('check-bundle: index.html names no module script; is this a Vite build?');
  process.exit(1);
}

let total = 0;
const rows = [];
for (const url of new Set(files)) {
  const path = join(dist, new URL(url, 'http://x/').pathname);
  const gz = gzipSync(readFileSync(path)).length;
  total += gz;
  rows.push([url, gz]);
}
for (const [url, gz] of rows) console.log(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${url}`);
const kb = (total / 1024).toFixed(1);
if (total > budgetBytes) {
  console.error(`initial JavaScript: ${kb} KB gzip, over the ${budgetBytes / 1024} KB budget`);
  process.exit(1);
}
console.log(`initial JavaScript: ${kb} KB gzip (budget ${budgetBytes / 1024} KB)`);
