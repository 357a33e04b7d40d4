/* global process, URL */
// Runs the MDN HTTP Observatory's own tests on captures read from stdin (JSON lines) and prints
// its per-test results, score and grade. Usage: node oracle.mjs <path to @mdn/mdn-http-observatory>
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = process.argv[2];
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { ALL_TESTS, ALGORITHM_VERSION } = await load('src/constants.js');
const { getGradeForScore, getScoreModifier } = await load('src/grader/grader.js');
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load('src/grader/charts.js');
// The Observatory reads cookies from its session's jar (tough-cookie), filled by every response.
const { CookieJar } = createRequire(join(root, 'package.json'))('tough-cookie');

function jarOf(c) {
  const jar = new CookieJar();
  for (const x of [c.http, c.https, c.auto]) {
    for (const raw of x?.headers?.['set-cookie'] ?? []) {
      try {
        jar.setCookieSync(raw, x.finalUrl, { ignoreError: true });
      } catch {
        // a cookie the jar refuses is not in the browser's session either
      }
    }
  }
  return jar;
}

/** AxiosHeaders-like: enumerable header entries plus a non-enumerable get(). */
function headers(h) {
  const out = { ...h };
  Object.defineProperty(out, 'get', { enumerable: false, value: (name) => { const v = h[String(name).toLowerCase()]; return v === undefined ? undefined : name.toLowerCase() === 'set-cookie' ? v : v.join(', '); } });
  return out;
}

function response(x) {
  if (!x) return null;
  const equiv = new Map();
  for (const m of (x.body ?? '').matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?([^"'\s>]+)[^>]*content\s*=\s*"([^"]*)"/gi)) {
    const k = m[1].toLowerCase();
    equiv.set(k, [...(equiv.get(k) ?? []), m[2]]);
  }
  return { headers: headers(x.headers), status: x.status, verified: x.verified, data: x.body ?? '', httpEquiv: equiv, request: { res: { responseUrl: x.finalUrl } } };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  const requests = {
    hostname: c.host,
    resources: { path: c.auto?.body ?? null },
    responses: {
      auto: response(c.auto), http: response(c.http), https: response(c.https), cors: c.cors ? { headers: headers(c.cors.headers), status: c.cors.status } : null,
      httpRedirects: (c.http?.redirects ?? []).map((r) => ({ url: new URL(r.url), status: r.status })),
      httpsRedirects: (c.https?.redirects ?? []).map((r) => ({ url: new URL(r.url), status: r.status })),
    },
    session: { url: new URL(c.auto.finalUrl), jar: jarOf(c) },
  };
  let withCredit = 100, uncurved = 100;
  const tests = ALL_TESTS.map((t) => {
    const out = t(requests);
    const modifier = getScoreModifier(out.result);
    withCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    return { result: out.result, pass: !!out.pass };
  });
  const score = Math.max(0, uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withCredit : uncurved);
  process.stdout.write(JSON.stringify({ algorithmVersion: ALGORITHM_VERSION, score, grade: (g => (typeof g === "string" ? g : g.grade))(getGradeForScore(score)), tests }) + '\n');
}
