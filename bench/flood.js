#!/usr/bin/env node
// `npm run bench:flood`: does a flood from one storefront token move another storefront's p95?
// One app with its default rate limits (embedded database, or --db=pg with BENCH_DATABASE_URL), the bench
// catalog published on two storefronts. Storefront B's product page (Q2, random slugs, VICTIM_RATE requests/s
// over 10 connections from ten addresses) is measured alone, then while storefront A is flooded for FLOOD_DURATION seconds (50
// connections of Q1 from one address, as a scraper would). Target: B's p95 within 20 % of its unloaded value.
const { spawn } = require('node:child_process');
const autocannon = require('autocannon');
const { startProcess, seed, gql, freePort, sleep, benchDatabase, fakeVies, ADMIN, MAIN, Q1, Q2 } = require('./run');

const DURATION = Number(process.env.FLOOD_DURATION ?? 10);
const VICTIM_RATE = Number(process.env.VICTIM_RATE ?? 200);
const kind = (process.argv.find((a) => a.startsWith('--db=')) ?? '').slice(5) || 'embedded';

/** Storefront B's product page at VICTIM_RATE; resolves with autocannon's result plus `p95` from every response time. */
function victim(base, token, slugs) {
  let n = 0;
  const times = [];
  let inst;
  const done = new Promise((resolve, reject) => {
    inst = autocannon({
    url: `${base}/graphql`,
    method: 'POST',
    connections: 10,
    overallRate: VICTIM_RATE, // open loop at an ordinary shop's rate: latency, not the machine's ceiling, is measured
    duration: DURATION,
    requests: [
      {
        setupRequest: (r) => ({
          ...r,
          headers: { 'content-type': 'application/json', 'x-storefront-token': token, 'x-forwarded-for': `192.0.2.${(n++ % 10) + 1}` },
          body: JSON.stringify({ query: Q2, variables: { slug: slugs[Math.floor(Math.random() * slugs.length)] } }),
        }),
      },
    ],
    }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  inst.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  return done.then((res) => {
    times.sort((a, b) => a - b);
    return { ...res, p95: times[Math.min(times.length - 1, Math.floor(0.95 * times.length))] };
  });
}

/** The flood runs in its own process, so its client work does not slow the victim's measurements. */
function flood(base, token) {
  const opts = {
    url: `${base}/graphql`,
    method: 'POST',
    connections: 50,
    duration: DURATION,
    headers: { 'content-type': 'application/json', 'x-storefront-token': token, 'x-forwarded-for': '198.51.100.66' },
    body: JSON.stringify({ query: Q1 }),
  };
  const script = `require('autocannon')(${JSON.stringify(opts)}).then((r) => process.stdout.write(JSON.stringify({ average: r.requests.average, ok: r['2xx'], non2xx: r.non2xx })))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`flood process exited ${code}`))));
  });
}

const p95 = (r) => r.p95; // from every response time of the run (autocannon itself reports p90 and p97.5)

async function main() {
  const port = await freePort();
  const { env, cleanup } = await benchDatabase(kind, 'flood', await freePort());
  const vies = await fakeVies(); // the seed's B2B buyer registers with a VAT number
  const app = await startProcess(
    [MAIN],
    { ...env, VIES_URL: vies.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, NODE_ENV: 'production' },
    'is ready',
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const s = await seed(base);
    const login = await gql(`${base}/admin/graphql`, 'mutation($e: String!, $p: String!) { adminLogin(email: $e, password: $p) { accessToken } }', { e: ADMIN.email, p: ADMIN.password });
    const admin = (q, v) => gql(`${base}/admin/graphql`, q, v, { authorization: `Bearer ${login.adminLogin.accessToken}` });
    const b = await admin('mutation { createStorefront(input: {code: "bench-victim", name: "Bench B2C", brandCode: "bench", audience: B2C, currency: "EUR", country: "NL", locale: "nl-NL", warehouseCodes: ["w1", "w2"]}) { token } }');
    const slugs = s.products.map((p) => p.slug);
    for (let i = 0; i < slugs.length; i += 500) await admin('mutation($s: [String!]!) { publishProducts(storefrontCode: "bench-victim", slugs: $s) }', { s: slugs.slice(i, i + 500) });
    for (let i = 0; i < s.skus.length; i += 1000) await admin('mutation($i: [PriceInput!]!) { setPrices(input: $i) }', { i: s.skus.slice(i, i + 1000).map((sku) => ({ storefrontCode: 'bench-victim', sku, amount: '19.95' })) });
    const tokenB = b.createStorefront.token;
    // Sanity: one flood request is answered before the flood (the bucket starts full).
    const probe = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-storefront-token': s.token, 'x-forwarded-for': '198.51.100.67' }, body: JSON.stringify({ query: Q1 }) });
    if (probe.status !== 200) throw new Error(`flood probe answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
    await victim(base, tokenB, slugs); // warm-up
    const alone = await victim(base, tokenB, slugs);
    await sleep(1000);
    const [loaded, flooded] = await Promise.all([victim(base, tokenB, slugs), flood(base, s.token)]);
    const ratio = p95(loaded) / p95(alone);
    console.log(`\n== flood, ${kind} database, ${DURATION} s ==`);
    console.log(`storefront B alone:        ${alone.requests.average.toFixed(0)} req/s, p95 ${p95(alone).toFixed(1)} ms, p97.5 ${alone.latency.p97_5} ms, p50 ${alone.latency.p50} ms`);
    console.log(`storefront B during flood: ${loaded.requests.average.toFixed(0)} req/s, p95 ${p95(loaded).toFixed(1)} ms, p97.5 ${loaded.latency.p97_5} ms, p50 ${loaded.latency.p50} ms (${loaded.non2xx} non-2xx)`);
    console.log(`flood on A: ${flooded.average.toFixed(0)} req/s, ${flooded.ok} answered 2xx, ${flooded.non2xx} refused (429)`);
    console.log(`p95 ratio (during / alone): ${ratio.toFixed(2)} — target ≤ 1.20 ${ratio <= 1.2 ? '✔' : '✘'}`);
  } finally {
    app.kill('SIGTERM');
    await sleep(1500);
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
