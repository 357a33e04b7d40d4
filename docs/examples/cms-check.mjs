#!/usr/bin/env node
// What a CMS does before publishing: post the draft to `xunjian serve` and act on the verdict.
//   XUNJIAN_URL=http://127.0.0.1:8080 XUNJIAN_TOKEN=… node cms-check.mjs draft.html https://www.example.gov.cn/a.html
// Exit 0: publish; 3: send to a reviewer; 1: blocked; 2: the service could not check it.
import { readFile } from 'node:fs/promises';

const [file, url] = process.argv.slice(2);
const base = process.env.XUNJIAN_URL ?? 'http://127.0.0.1:8080';
const html = await readFile(file, 'utf8');
let res;
try {
  res = await fetch(`${base}/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.XUNJIAN_TOKEN ?? ''}` },
    body: JSON.stringify({ html, url }),
    signal: AbortSignal.timeout(30_000),
  });
} catch (e) {
  console.error(`xunjian unreachable: ${e.message}; do not publish unchecked`);
  process.exit(2);
}
const answer = await res.json();
if (res.status !== 200) {
  console.error(`xunjian ${res.status}: ${answer.error}`);
  process.exit(res.status === 400 ? 1 : 2);
}
for (const f of answer.findings) console.log(`${f.severity}\t${f.rule}\t${f.title}\n\t修改建议: ${answer.hints[f.rule] ?? ''}`);
console.log(`verdict: ${answer.verdict}${answer.because.length ? ` (${answer.because.join(', ')})` : ''}`);
process.exit({ publish: 0, review: 3, block: 1 }[answer.verdict]);
