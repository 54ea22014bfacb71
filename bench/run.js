#!/usr/bin/env node
// `npm run bench`: seeds the TARGETS.md data shape through the Admin API, then measures product listing
// (Q1, also with random cursors), the product page (Q2), stock ingest, push→subscriber latency and RSS,
// on the embedded database and (with BENCH_DATABASE_URL) on a real PostgreSQL, next to the raw floor
// (bench/floor-server.js) measured in the same run. Options: --db=embedded|pg|both; env BENCH_DURATION
// (s, default 15), BENCH_WARMUP (5), BENCH_RUNS (2), BENCH_LEVELS (200000), BENCH_SUBSCRIBERS (1000), BENCH_PUSHES (100),
// BENCH_BUYERS (50, concurrent checkouts over 100 SKUs), BENCH_REDIS_URL (push latency over two instances, real PG only); --only=checkout runs the seed and the checkout scenario alone,
// --only=catalog the faceted listing and the sorted search (with their floors) alone, --only=push the push latency
// on one instance alone, --only=ingest the stock ingest beside its raw statement alone.
// --only=insights Q2 with and without `alsoBought` (50 co-ordered products per product written first); --only=search
// the search with random terms beside its floor alone; --only=buyer Q1/Q2 as the logged-in buyer beside their floors alone;
// --only=q1 Q1 and the RSS under it alone. The push latency is measured
// twice, with bare sockets speaking graphql-ws's protocol (rawSubscriber) and with graphql-ws clients;
// BENCH_PUSH_CLIENTS=raw or =graphql-ws measures one of them. BENCH_MAIN: the app's main.js of another build (A/B).
// The app runs as a single instance with READ_CACHE_TTL_MS=60000 (a single instance sees every change at once),
// with RATE_LIMITS=off (these measure throughput; bench/flood.js measures the limits).
const { spawn } = require('node:child_process');
const { appendFileSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir, cpus, totalmem } = require('node:os');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const LEVELS = Number(process.env.BENCH_LEVELS ?? 200000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 100);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 50);
const ONLY = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice(7) || null;
const PG_URL = process.env.BENCH_DATABASE_URL;
const dbArg = (process.argv.find((a) => a.startsWith('--db=')) ?? '').slice(5) || (PG_URL ? 'both' : 'embedded');
const MAIN = process.env.BENCH_MAIN ?? join(__dirname, '../dist/src/main.js'); // BENCH_MAIN: another build, for A/B
/** The app runs with the Node flags of `npm start` (package.json), as users run it. */
const START_FLAGS = require('../package.json').scripts.start.split(' ').filter((w) => w.startsWith('--'));
const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };
const children = new Set();
/** Whether the floors use named (prepared) statements: on real PostgreSQL; the embedded database is one session. */
let NAMED_STATEMENTS = true;

const Q1 = '{ products(first: 20) { totalCount edges { node { id slug name variants { id sku price { amount } availability { quantity } } } } } }';
const Q1_AFTER = 'query($after: String) { products(first: 20, after: $after) { totalCount edges { cursor node { id slug name variants { id sku price { amount } availability { quantity } } } } } }';
const COLOURS = ['black', 'white', 'red', 'blue', 'green', 'yellow', 'grey', 'orange'];
const SIZES = ['s', 'm', 'l'];
const CATEGORIES = Array.from({ length: 10 }, (_, k) => `cat-${k}`);
const NODE = '{ id slug name variants { id sku price { amount } availability { quantity } } }';
/** A faceted listing: a category (with descendants), two colours and a size, the page and its facets. */
const FACETED = `query($c: String!, $col: [String!]!, $size: [String!]!) { products(first: 20, filter: { categorySlug: $c,
  attributes: [{ code: "colour", values: $col }, { code: "size", values: $size }] }) {
  totalCount facets { code values { code count } } edges { node ${NODE} } } }`;
/** A sorted search: words of the name, cheapest first. */
const SORTED_SEARCH = `query($s: String!) { products(first: 20, sort: PRICE_ASC, filter: { search: $s }) { totalCount edges { node ${NODE} } } }`;
const Q2 = 'query($slug: String!) { product(slug: $slug) { id name description variants { id sku price { amount } availability { quantity } } } }';
const Q2_ALSO = 'query($slug: String!) { product(slug: $slug) { id name description variants { id sku price { amount } availability { quantity } } alsoBought { slug name } } }';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** The p-th percentile by nearest rank: the smallest value with at least p % of the values at or below it (p99 of 100 values is the 99th, the second-worst). */
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];

function startProcess(args, env, readyText) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      if (process.env.BENCH_APP_LOG) appendFileSync(process.env.BENCH_APP_LOG, d); // e.g. with BENCH_NODE_ARGS=--trace-gc
      out += d;
      if (out.includes(readyText)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out.slice(-2000)}`)));
  });
}

async function gql(url, query, variables, headers) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

async function seed(base) {
  const login = await gql(`${base}/admin/graphql`, 'mutation($e: String!, $p: String!) { adminLogin(email: $e, password: $p) { accessToken } }', { e: ADMIN.email, p: ADMIN.password });
  const auth = { authorization: `Bearer ${login.adminLogin.accessToken}` };
  const admin = (q, v) => gql(`${base}/admin/graphql`, q, v, auth);
  await admin('mutation { createBrand(input: {code: "bench", name: "Bench"}) { id } }');
  for (const w of ['w1', 'w2']) await admin(`mutation { createWarehouse(input: {code: "${w}", name: "${w}"}) { id } }`);
  const sf = await admin('mutation { createStorefront(input: {code: "bench-b2b", name: "Bench", brandCode: "bench", audience: B2B, currency: "EUR", country: "NL", locale: "nl-NL", warehouseCodes: ["w1", "w2"], stockDisplay: EXACT}) { token storefront { id } } }');
  // Catalog depth: a colour on each product (8 values) and a size on each variant (the faceted listing's filters).
  await admin('mutation($i: [AttributeInput!]!) { upsertAttributes(input: $i) { code } }', {
    i: [
      { code: 'colour', name: 'Colour', type: 'ENUM', filterable: true, values: COLOURS.map((c) => ({ code: c, label: c })) },
      { code: 'size', name: 'Size', type: 'ENUM', filterable: true, values: SIZES.map((c) => ({ code: c, label: c.toUpperCase() })) },
    ],
  });
  const products = Array.from({ length: 1000 }, (_, i) => ({
    slug: `product-${String(i).padStart(4, '0')}`,
    name: `Product ${i}`,
    description: `Description of product ${i} for the benchmark`,
    attributes: [{ code: 'colour', values: [COLOURS[i % COLOURS.length]] }],
    variants: [1, 2, 3].map((v) => ({ sku: `SKU-${i}-${v}`, name: `Variant ${v}`, attributes: [{ code: 'size', values: [SIZES[v - 1]] }] })),
  }));
  for (let i = 0; i < products.length; i += 500) await admin('mutation($i: [ProductInput!]!) { upsertProducts(input: $i) { id } }', { i: products.slice(i, i + 500) });
  for (let i = 0; i < products.length; i += 500) await admin('mutation($s: [String!]!) { publishProducts(storefrontCode: "bench-b2b", slugs: $s) }', { s: products.slice(i, i + 500).map((p) => p.slug) });
  // Two departments of five categories each; product i is filed under cat-(i % 10).
  await admin('mutation($i: [CategoryInput!]!) { upsertCategories(brandCode: "bench", input: $i) { slug } }', {
    i: [
      ...[0, 1].map((d) => ({ slug: `dept-${d}`, name: `Department ${d}` })),
      ...CATEGORIES.map((c, k) => ({ slug: c, name: `Category ${k}`, parentSlug: `dept-${k % 2}` })),
    ],
  });
  for (let i = 0; i < products.length; i += 500) {
    await admin('mutation($i: [ProductCategoriesInput!]!) { setProductCategories(brandCode: "bench", input: $i) }', {
      i: products.slice(i, i + 500).map((p, j) => ({ productSlug: p.slug, categorySlugs: [CATEGORIES[(i + j) % 10]] })),
    });
  }
  const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
  for (let i = 0; i < skus.length; i += 1000) await admin('mutation($i: [PriceInput!]!) { setPrices(input: $i) }', { i: skus.slice(i, i + 1000).map((sku, j) => ({ storefrontCode: 'bench-b2b', sku, amount: `${10 + ((i + j) % 90)}.50` })) });
  const key = await admin('mutation { createApiKey(input: {name: "bench", scopes: [INVENTORY_WRITE], warehouseCodes: ["w1", "w2"]}) { secret } }');
  const keyAuth = { authorization: `Bearer ${key.createApiKey.secret}` };
  for (const w of ['w1', 'w2']) {
    await gql(`${base}/admin/graphql`, 'mutation($w: String!, $l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: $w, levels: $l) { applied } }', { w, l: skus.map((sku, i) => ({ sku, onHand: 10 + (i % 50), sequence: '1' })) }, keyAuth);
  }
  // Checkout: a B2C storefront selling 100 SKUs (34 products) from the same warehouses, with a shipping method.
  const shop = await admin('mutation { createStorefront(input: {code: "bench-b2c", name: "Bench B2C", brandCode: "bench", audience: B2C, currency: "EUR", country: "NL", locale: "nl-NL", warehouseCodes: ["w1", "w2"]}) { token } }');
  const shopProducts = products.slice(0, 34);
  await admin('mutation($s: [String!]!) { publishProducts(storefrontCode: "bench-b2c", slugs: $s) }', { s: shopProducts.map((p) => p.slug) });
  const shopSkus = shopProducts.flatMap((p) => p.variants.map((v) => v.sku)).slice(0, 100);
  await admin('mutation($i: [PriceInput!]!) { setPrices(input: $i) }', { i: shopSkus.map((sku, i) => ({ storefrontCode: 'bench-b2c', sku, amount: `${5 + (i % 40)}.95` })) });
  await admin('mutation { createShippingMethod(input: {storefrontCode: "bench-b2c", code: "standard", name: "Standard", price: "4.95", countries: ["NL"]}) { code } }');
  await gql(`${base}/admin/graphql`, 'mutation($l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: "w1", levels: $l) { applied } }', { l: shopSkus.map((sku) => ({ sku, onHand: 1000000, sequence: '2' })) }, keyAuth);
  // A logged-in B2B buyer of the B2B storefront (VIES unreachable here: approved by the admin), whose company has
  // agreed prices for the first 300 SKUs — every request of theirs executes (no response cache) and reads them.
  const sfUrl = `${base}/graphql`;
  const sfHeaders = { 'x-storefront-token': sf.createStorefront.token };
  const buyer = await gql(sfUrl, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id status company { id } } }', {
    i: {
      email: 'buyer@bench.example',
      password: 'bench buyer password',
      firstName: 'Bench',
      lastName: 'Buyer',
      company: { name: 'Bench B.V.', country: 'NL', vatNumber: 'NL000099998B57', kvkNumber: '69599084', address: { street: 'Kerkstraat', houseNumber: '1', postalCode: '1234 AB', city: 'Amsterdam', country: 'NL' } },
    },
  }, sfHeaders);
  // VIES (local) verifies the company at once or in the background; then an admin approves the buyer when asked to.
  for (let i = 0; i < 100; i++) {
    const c = await admin('query($id: ID!) { customer(id: $id) { status } }', { id: buyer.registerCustomer.id });
    if (c.customer.status === 'ACTIVE') break;
    if (c.customer.status === 'PENDING_APPROVAL') {
      await admin('mutation($id: ID!) { approveCustomer(id: $id) { status } }', { id: buyer.registerCustomer.id });
      break;
    }
    await sleep(100);
  }
  await admin('mutation($i: [CompanyPriceInput!]!) { setCompanyPrices(input: $i) }', {
    i: skus.slice(0, 300).map((sku) => ({ storefrontCode: 'bench-b2b', companyId: buyer.registerCustomer.company.id, sku, amount: '9.99' })),
  });
  const session = await gql(sfUrl, 'mutation { login(email: "buyer@bench.example", password: "bench buyer password") { accessToken } }', {}, sfHeaders);
  return { token: sf.createStorefront.token, storefrontId: sf.createStorefront.storefront.id, products, skus, keyAuth, shopToken: shop.createStorefront.token, shopSkus, buyerToken: session.login.accessToken, admin };
}

/**
 * Checkout: BENCH_BUYERS concurrent buyers, each in a loop: createCart, add 1–3 random SKUs of 100, set the
 * details, placeOrder (a whole guest checkout, 4–6 requests). Reports orders/s and placeOrder latency.
 */
async function checkoutLoad(base, token, skus, seconds) {
  const url = `${base}/graphql`;
  const headers = { 'x-storefront-token': token };
  const details = { email: 'bench@example.nl', firstName: 'Bench', lastName: 'Buyer', shippingMethodCode: 'standard', shippingAddress: { street: 'Kerkstraat', houseNumber: '1', postalCode: '1017GC', city: 'Amsterdam', country: 'NL' } };
  const until = Date.now() + seconds * 1000;
  const lat = [];
  let orders = 0;
  let errors = 0;
  const buyer = async () => {
    while (Date.now() < until) {
      try {
        const cart = (await gql(url, 'mutation { createCart { id } }', {}, headers)).createCart.id;
        const n = 1 + Math.floor(Math.random() * 3);
        for (let i = 0; i < n; i++) await gql(url, 'mutation($c: ID!, $s: String!) { addToCart(cartId: $c, sku: $s, quantity: 1) { id } }', { c: cart, s: skus[Math.floor(Math.random() * skus.length)] }, headers);
        await gql(url, 'mutation($c: ID!, $i: CartDetailsInput!) { setCartDetails(cartId: $c, input: $i) { id } }', { c: cart, i: details }, headers);
        const t0 = process.hrtime.bigint();
        await gql(url, 'mutation($c: ID!) { placeOrder(cartId: $c) { number totals { totalGross { amount } } } }', { c: cart }, headers);
        lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
        orders++;
      } catch (e) {
        errors++;
        const m = String(e.message).slice(0, 160);
        errorKinds.set(m, (errorKinds.get(m) ?? 0) + 1);
      }
    }
  };
  const errorKinds = new Map();
  const started = Date.now();
  await Promise.all(Array.from({ length: BUYERS }, buyer));
  const s = (Date.now() - started) / 1000;
  if (errorKinds.size) console.log('  checkout errors:', [...errorKinds].map(([m, n]) => `${n}× ${m}`).join('; '));
  return { ordersPerSec: +(orders / s).toFixed(1), orders, errors, placeOrderP50: +pct(lat, 50).toFixed(1), placeOrderP99: +pct(lat, 99).toFixed(1) };
}

async function measureCheckout(base, token, skus) {
  if (WARMUP > 0) await checkoutLoad(base, token, skus, WARMUP);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await checkoutLoad(base, token, skus, DURATION));
  const r = { ordersPerSec: median(runs.map((x) => x.ordersPerSec)), placeOrderP50: median(runs.map((x) => x.placeOrderP50)), placeOrderP99: median(runs.map((x) => x.placeOrderP99)), errors: runs.reduce((n, x) => n + x.errors, 0), buyers: BUYERS, skus: skus.length };
  console.log(`  checkout, ${BUYERS} buyers over ${skus.length} SKUs: ${r.ordersPerSec} orders/s, placeOrder p50 ${r.placeOrderP50} ms, p99 ${r.placeOrderP99} ms${r.errors ? `, ${r.errors} errors` : ''}`);
  return r;
}

async function load(opts) {
  if (WARMUP > 0) await autocannon({ ...opts, duration: WARMUP });
  const r = await autocannon({ ...opts, duration: DURATION });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

/** One timed load of `makeOpts()` against `pid`: req/s, latency, errors, the largest RSS and the cores each side kept busy. */
async function oneHttpRun(makeOpts, pid) {
  let rss = 0;
  const timer = pid ? setInterval(() => (rss = Math.max(rss, rssMb(pid))), 500) : null;
  const before = cpuSplit(pid);
  const r = await load(makeOpts());
  const cpu = cpuSplit(pid);
  for (const k of Object.keys(cpu)) cpu[k] = Math.round(((cpu[k] - before[k]) / (WARMUP + DURATION)) * 100) / 100;
  if (timer) clearInterval(timer);
  return { ...r, rssMb: rss, cpu };
}

function summarise(name, runs) {
  const best = { reqPerSec: median(runs.map((r) => r.reqPerSec)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0), rssMb: Math.max(...runs.map((r) => r.rssMb)), cpu: runs[Math.floor((runs.length - 1) / 2)].cpu };
  const cores = Object.entries(best.cpu).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`  ${name}: ${best.reqPerSec.toFixed(0)} req/s, p50 ${best.p50} ms, p99 ${best.p99} ms${best.errors ? `, ${best.errors} errors` : ''} (cores busy: ${cores})`);
  return best;
}

async function measureHttp(name, makeOpts, pid) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneHttpRun(makeOpts, pid));
  return summarise(name, runs);
}

/**
 * The app and its floor in turns (app, floor, app, floor…), so that a drift of the machine's speed during the
 * measurement weighs on both alike (a ratio near 1 is otherwise decided by which of the two ran in the faster minute).
 */
async function measureHttpInTurns(app, floor) {
  const runs = [[], []];
  for (let i = 0; i < RUNS; i++) {
    runs[0].push(await oneHttpRun(app.makeOpts, app.pid));
    runs[1].push(await oneHttpRun(floor.makeOpts, floor.pid));
  }
  return [summarise(app.name, runs[0]), summarise(floor.name, runs[1])];
}

/**
 * CPU seconds used so far by the server measured (the app's pid, or the floor's), by PostgreSQL's processes and by
 * this process (the load generator): a run's difference over its wall time is the cores each kept busy (Linux /proc).
 */
function cpuSplit(pid) {
  const ticks = (p) => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; // own time and that of reaped children
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('postgres')) postgres += ticks(p);
    } catch {
      // gone meanwhile
    }
  }
  const self = process.cpuUsage();
  return { server: pid ? ticks(pid) : 0, postgres, bench: (self.user + self.system) / 1e6 };
}

/**
 * Waits until `pid` keeps under 5 % of a core busy for half a second (at most 60 s), so that a latency is not
 * measured on top of work an earlier scenario left behind; prints how long that took.
 */
async function waitIdle(pid) {
  const started = Date.now();
  let before = cpuSplit(pid).server;
  for (;;) {
    await sleep(500);
    const now = cpuSplit(pid).server;
    if (now - before < 0.025 || Date.now() - started > 60_000) break;
    before = now;
  }
  console.log(`  (the app was idle after ${Date.now() - started} ms)`);
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * The raw floor of stock ingest: the one statement a person would write for "absolute levels with a sequence guard"
 * (INSERT … SELECT unnest … ON CONFLICT … WHERE sequence <), run over one pg connection in batches of the same size
 * on the same database, for other SKUs of the same warehouse.
 */
let floorSequence = Date.now();
async function ingestFloor(dbUrl, batch, total) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const [{ id }] = (await c.query(`SELECT id FROM warehouse WHERE code = 'w1'`)).rows;
    const started = process.hrtime.bigint();
    for (let i = 0; i < total; i += batch) {
      const seq = ++floorSequence;
      const n = Math.min(batch, total - i);
      const skus = Array.from({ length: n }, (_, j) => `FLOOR-${(i + j) % 50000}`);
      const onHand = Array.from({ length: n }, (_, j) => (i + j) % 97);
      await c.query({
        name: NAMED_STATEMENTS ? 'ingest' : undefined, // prepared once, as the floors' statements are (not on PGlite)
        text: `INSERT INTO stock_level (sku, warehouse_id, on_hand, sequence)
         SELECT t.sku, $1, t.on_hand, $4 FROM unnest($2::text[], $3::int[]) AS t(sku, on_hand)
         ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, sequence = EXCLUDED.sequence, updated_at = now()
          WHERE stock_level.sequence < EXCLUDED.sequence`,
        values: [id, skus, onHand, String(seq)],
      });
    }
    return Math.round(total / (Number(process.hrtime.bigint() - started) / 1e9));
  } finally {
    await c.end();
  }
}

/**
 * Stock ingest as a warehouse system sends it: batches of 100 / 500 / 5,000 levels, one push at a time, over the
 * catalog's SKUs but the checkout storefront's 100 (sold on the bench storefront, so changes are announced to
 * storefronts) and 2,100 SKUs no product has yet; each size beside the raw statement. Then again for 500 and 5,000 with a `stock.changed` webhook
 * endpoint (a local receiver), so every push also writes its outbox event and the relay and deliveries run.
 */
async function stockIngest(base, s, dbUrl) {
  // The checkout storefront's SKUs keep their large stock (the checkout scenario runs later).
  const shop = new Set(s.shopSkus);
  const known = s.skus.filter((sku) => !shop.has(sku));
  const pool = [...known, ...Array.from({ length: Math.max(2000, 5000 - known.length) }, (_, i) => `ING-${i}`)]; // ≥ one full batch
  let seq = Date.now();
  const run = async (batch, total) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < total; i += batch) {
      seq++;
      const levels = Array.from({ length: Math.min(batch, total - i) }, (_, j) => ({ sku: pool[(i + j) % pool.length], onHand: (i + j + seq) % 97, sequence: String(seq) }));
      await gql(`${base}/admin/graphql`, 'mutation($l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: "w1", levels: $l) { applied } }', { l: levels }, s.keyAuth);
    }
    return Math.round(total / (Number(process.hrtime.bigint() - started) / 1e9));
  };
  const out = { floor: {}, webhook: {} };
  for (const batch of [100, 500, 5000]) {
    const total = Math.min(LEVELS, batch === 100 ? LEVELS / 4 : LEVELS);
    // In turns (app, raw statement, app, raw statement…), medians of BENCH_RUNS each: a drift of the machine's speed
    // weighs on both sides alike, as for the catalog ratios.
    const app = [], raw = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(await run(batch, total));
      raw.push(await ingestFloor(dbUrl, batch, total));
    }
    out[batch] = median(app);
    out.floor[batch] = median(raw);
    console.log(`  stock ingest, batches of ${batch}: ${out[batch]} levels/s (${total} levels, runs ${app.join(' / ')}); raw statement ${out.floor[batch]} levels/s (${raw.join(' / ')}) → ${(out[batch] / out.floor[batch]).toFixed(2)}`);
  }
  const receiver = require('node:http').createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = await s.admin('mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }', { i: { url: `http://127.0.0.1:${receiver.address().port}/stock`, events: ['stock.changed'] } });
  try {
    for (const batch of [500, 5000]) {
      out.webhook[batch] = await run(batch, LEVELS);
      console.log(`  stock ingest with a stock.changed webhook, batches of ${batch}: ${out.webhook[batch]} levels/s → ${(out.webhook[batch] / out.floor[batch]).toFixed(2)} of the raw statement`);
    }
  } finally {
    await s.admin('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: hook.createWebhook.webhook.id });
    receiver.close();
  }
  return out;
}

/**
 * Push → SUBSCRIBERS subscribers: from the push request, and from the commit (`changedAt`, stamped after commit) to the
 * last subscriber's delivery. With `bases` of two instances (REDIS_URL), subscribers are split between them and
 * the push goes to the first.
 */
/**
 * A subscriber speaking graphql-ws's protocol over a bare `ws` socket, for BENCH_PUSH_CLIENTS=raw: an event counts
 * when its frame reaches the socket, without the graphql-ws client's parsing and dispatch — with 1,000 subscribers in
 * this one process that work is the load generator's, and on a slow machine it adds tens of milliseconds to the
 * last arrival.
 */
function rawSubscriber(url, token, query, onNext) {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { 'x-storefront-token': token } })));
  ws.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"type":"connection_ack"')) ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    else if (text.includes('"type":"next"')) onNext(/"changedAt":"([^"]+)"/.exec(text)?.[1]);
  });
  ws.on('error', () => {});
  return { dispose: () => ws.close() };
}

async function stockLatency(bases, token, keyAuth, skus, raw) {
  const base = bases[0];
  const clients = [];
  let pending = 0;
  let lastArrival = 0n;
  let committedAt = 0;
  const query = 'subscription { stockChanged(skus: ["SKU-0-1"]) { sku changedAt availability { quantity } } }';
  const arrived = (changedAt) => {
    pending--;
    lastArrival = process.hrtime.bigint();
    committedAt = Date.parse(changedAt ?? '') || committedAt;
  };
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const url = `${bases[i % bases.length].replace('http', 'ws')}/graphql`;
    if (raw) {
      clients.push(rawSubscriber(url, token, query, arrived));
      continue;
    }
    const c = createClient({ url, webSocketImpl: WebSocket, connectionParams: { 'x-storefront-token': token }, lazy: false, retryAttempts: 0 });
    clients.push(c);
    c.subscribe({ query }, { next: (msg) => arrived(msg.data?.stockChanged?.changedAt), error: () => {}, complete: () => {} });
  }
  await sleep(3000 + SUBSCRIBERS * 3);
  const lat = [];
  const fromCommit = [];
  let seq = Date.now();
  // The first pushes warm the delivery path up (JIT) and are not counted, as the HTTP scenarios' warm-up is not.
  const WARMUP_PUSHES = 10;
  for (let i = -WARMUP_PUSHES; i < PUSHES; i++) {
    const qty = 1000 + i; // each push sets a new quantity (EXACT display): every subscriber must hear of it
    pending = SUBSCRIBERS;
    const t0 = process.hrtime.bigint();
    const wall0 = Date.now();
    await gql(`${base}/admin/graphql`, 'mutation($l: [StockLevelInput!]!) { pushStockLevels(warehouseCode: "w2", levels: $l) { applied } }', { l: [{ sku: skus[0], onHand: qty, sequence: String(++seq) }] }, keyAuth);
    const until = Date.now() + 5000;
    while (pending > 0 && Date.now() < until) await sleep(1);
    if (i < 0) continue;
    lat.push(Number(lastArrival - t0) / 1e6);
    // Wall clock of the last arrival minus the commit stamp (same machine, same clock).
    fromCommit.push(wall0 + Number(lastArrival - t0) / 1e6 - committedAt);
  }
  await Promise.all(clients.map((c) => c.dispose()));
  if (process.env.BENCH_SHOW_PUSHES) console.log('  from the commit, in push order:', fromCommit.map((x) => x.toFixed(0)).join(' '));
  const res = {
    p50: +pct(lat, 50).toFixed(1),
    p99: +pct(lat, 99).toFixed(1),
    commitP50: +pct(fromCommit, 50).toFixed(1),
    commitP99: +pct(fromCommit, 99).toFixed(1),
    subscribers: SUBSCRIBERS,
    pushes: PUSHES,
    instances: bases.length,
    clients: raw ? 'bare sockets' : 'graphql-ws',
  };
  console.log(`  push → all ${SUBSCRIBERS} subscribers${raw ? ' (bare sockets)' : ''} on ${bases.length} instance(s): from the request p50 ${res.p50} / p99 ${res.p99} ms; from the commit p50 ${res.commitP50} / p99 ${res.commitP99} ms`);
  return res;
}

/**
 * The push latency with both kinds of subscriber, one after the other: bare sockets (when the frame reaches the
 * subscriber's socket: the server's delivery) and graphql-ws clients (when the client library hands it over — with
 * 1,000 of them in the bench's one process, their parsing is serial and adds to the last arrival).
 * BENCH_PUSH_CLIENTS=raw or =graphql-ws measures only that one.
 */
async function pushLatencies(bases, s) {
  const only = process.env.BENCH_PUSH_CLIENTS;
  const out = {};
  if (only !== 'graphql-ws') out.latencyRaw = await stockLatency(bases, s.token, s.keyAuth, s.skus, true);
  if (only !== 'raw') out.latency = await stockLatency(bases, s.token, s.keyAuth, s.skus, false);
  return out;
}

/**
 * Q2 with and without `alsoBought { slug name }` (issue 16: at most 10 % dearer), anonymous (answered from the
 * response cache) and as the logged-in B2B buyer (executed every time). Every product first gets 50 co-ordered
 * products in product_pair (what the insights worker keeps; written directly, quicker than placing orders). Then 50
 * connections send the two queries **interleaved request by request** (each connection alternates), so both see the
 * same machine load: the ratio of their mean latencies (without the slowest 2 %) is the price of the field even on a busy machine, where
 * separate throughput windows are not comparable. Throughput of the mix is reported beside it.
 */
async function measureAlsoBought(base, dbUrl, s) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const { rowCount } = await c.query(`
    WITH ps AS (SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS n, count(*) OVER () AS total FROM product p),
         b AS (SELECT DISTINCT brand_id FROM publication)
    INSERT INTO product_pair (brand_id, product_id, other_id, orders)
    SELECT b.brand_id, a.id, o.id, 1 + ((a.n * 7 + k) % 40)::int
      FROM b CROSS JOIN ps a CROSS JOIN generate_series(1, 50) AS k JOIN ps o ON o.n = (a.n + k * 37) % a.total
     WHERE o.id <> a.id
    ON CONFLICT DO NOTHING`);
  await c.end();
  console.log(`  ${rowCount} product pairs written`);
  const slugs = s.products.map((p) => p.slug);
  const out = {};
  for (const [who, auth] of [['anonymous', {}], ['buyer', { authorization: `Bearer ${s.buyerToken}` }]]) {
    const headers = { 'content-type': 'application/json', 'x-storefront-token': s.token, ...auth };
    const mix = async (seconds) => {
      const lat = { q2: [], also: [] };
      const until = Date.now() + seconds * 1000;
      const worker = async (k) => {
        for (let i = k; Date.now() < until; i++) {
          const also = i % 2 === 1;
          const body = JSON.stringify({ query: also ? Q2_ALSO : Q2, variables: { slug: slugs[Math.floor(Math.random() * slugs.length)] } });
          const t0 = process.hrtime.bigint();
          const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body });
          const json = await res.json();
          if (json.errors) throw new Error(JSON.stringify(json.errors));
          (also ? lat.also : lat.q2).push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      };
      await Promise.all(Array.from({ length: 50 }, (_, k) => worker(k)));
      return lat;
    };
    await mix(WARMUP);
    const lat = await mix(DURATION * Math.max(RUNS, 2));
    // Mean without the slowest 2 % (stalls of a shared machine land on whichever request is in flight).
    const mean = (xs) => {
      const kept = [...xs].sort((a, b) => a - b).slice(0, Math.ceil(xs.length * 0.98));
      return kept.reduce((n, x) => n + x, 0) / kept.length;
    };
    const seconds = DURATION * Math.max(RUNS, 2);
    out[who] = {
      q2: { meanMs: +mean(lat.q2).toFixed(2), p50: +pct(lat.q2, 50).toFixed(2), p99: +pct(lat.q2, 99).toFixed(1), n: lat.q2.length },
      q2Also: { meanMs: +mean(lat.also).toFixed(2), p50: +pct(lat.also, 50).toFixed(2), p99: +pct(lat.also, 99).toFixed(1), n: lat.also.length },
      reqPerSec: Math.round((lat.q2.length + lat.also.length) / seconds),
    };
    const r = out[who];
    console.log(`  ${who}: Q2 mean ${r.q2.meanMs} ms (p50 ${r.q2.p50}, p99 ${r.q2.p99}); with alsoBought mean ${r.q2Also.meanMs} ms ` +
      `(p50 ${r.q2Also.p50}, p99 ${r.q2Also.p99}) → ${(100 * (r.q2Also.meanMs / r.q2.meanMs - 1)).toFixed(1)} %; ${r.reqPerSec} req/s mixed`);
  }
  return { alsoBought: { pairs: rowCount, ...out } };
}

/** A fresh database for one bench run: a new database on BENCH_DATABASE_URL, or an embedded one in a temp folder. */
async function benchDatabase(kind, prefix, dbPort) {
  if (kind === 'pg') {
    if (!PG_URL) throw new Error('--db=pg needs BENCH_DATABASE_URL');
    const name = `${prefix}_${Date.now()}`;
    const c = new Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    const dbUrl = u.toString();
    const cleanup = async () => {
      if (process.env.BENCH_KEEP_DATABASE) return console.log(`  kept database ${name}`); // to look at its plans afterwards
      const d = new Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    };
    return { env: { DATABASE_URL: dbUrl }, dbUrl, cleanup };
  }
  const dir = mkdtempSync(join(tmpdir(), `hub-${prefix}-`));
  return {
    env: { DATA_DIR: dir, EMBEDDED_DB_PORT: String(dbPort) },
    dbUrl: `postgres://postgres@127.0.0.1:${dbPort}/postgres`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A local VIES answering "valid" in its REST format (the bench's B2B buyer registers with a VAT number). */
async function fakeVies() {
  const server = require('node:http').createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const r = JSON.parse(body || '{}');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ countryCode: r.countryCode, vatNumber: r.vatNumber, requestDate: new Date().toISOString(), valid: true, requestIdentifier: 'WAPI00000001', name: 'BENCH B.V.', address: '\nKERKSTRAAT 1\n1234AB AMSTERDAM\n' }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return { url: `http://127.0.0.1:${server.address().port}` };
}

async function analyze(dbUrl) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

async function benchOne(kind) {
  console.log(`\n== ${kind} database ==`);
  const port = await freePort();
  const dbPort = await freePort();
  const floorPort = await freePort();
  const { env, dbUrl, cleanup } = await benchDatabase(kind, 'bench', dbPort);
  NAMED_STATEMENTS = kind === 'pg';
  const t0 = Date.now();
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": node flags for the app (a CPU profile of the run).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const vies = await fakeVies();
  const appEnv = { ...env, VIES_URL: vies.url, WEBHOOK_ALLOW_PRIVATE_URLS: 'true', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', WS_MAX_SOCKETS_PER_IP: '0', READ_CACHE_TTL_MS: process.env.READ_CACHE_TTL_MS ?? '60000', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, NODE_ENV: 'production', RATE_LIMITS: 'off' };
  const app = await startProcess([...START_FLAGS, ...nodeArgs, MAIN], { ...appEnv, PORT: String(port) }, 'is ready');
  const readyMs = Date.now() - t0;
  const base = `http://127.0.0.1:${port}`;
  const result = { readyMs };
  try {
    console.log(`  ready in ${readyMs} ms; seeding…`);
    const s = await seed(base);
    if (process.env.BENCH_KEEP_DATABASE) console.log(`  storefront token ${s.token}`); // with the kept database, for A/B runs
    // Statistics as autovacuum leaves them a minute after the seed: the app and the floors are planned on the same.
    await analyze(dbUrl);
    if (ONLY === 'checkout') {
      result.checkout = await measureCheckout(base, s.shopToken, s.shopSkus);
      return result;
    }
    if (ONLY === 'push') {
      Object.assign(result, await pushLatencies([base], s));
      return result;
    }
    if (ONLY === 'ingest') {
      result.ingest = await stockIngest(base, s, dbUrl);
      return result;
    }
    if (ONLY === 'insights') return { ...result, ...(await measureAlsoBought(base, dbUrl, s)) };
    const floor = await startProcess([join(__dirname, 'floor-server.js'), dbUrl, s.storefrontId, String(floorPort)], { FLOOR_NAMED_STATEMENTS: NAMED_STATEMENTS ? '1' : '0' }, 'floor ready');
    const headers = { 'content-type': 'application/json', 'x-storefront-token': s.token };
    // Cursors of every page, for the random-cursor run.
    const cursors = [null];
    for (let after = null; ; ) {
      const d = await gql(`${base}/graphql`, Q1_AFTER, { after }, { 'x-storefront-token': s.token });
      const edges = d.products.edges;
      if (edges.length < 20) break;
      after = edges[edges.length - 1].cursor;
      cursors.push(after);
    }
    const slugs = s.products.map((p) => p.slug);
    const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
    const api = (body) => () => ({ url: `${base}/graphql`, method: 'POST', headers, connections: 50, body });
    const requests = (fn) => () => ({ url: `${base}/graphql`, method: 'POST', headers, connections: 50, requests: [{ setupRequest: (r) => ({ ...r, body: fn() }) }] });
    const floorReq = (path, fn) => () => ({ url: `http://127.0.0.1:${floorPort}${path}`, method: 'POST', connections: 50, requests: [{ setupRequest: (r) => ({ ...r, body: fn() }) }] });
    if (ONLY !== 'catalog' && ONLY !== 'search' && ONLY !== 'buyer') {
      result.q1 = await measureHttp('Q1 products(first: 20)', api(JSON.stringify({ query: Q1 })), app.pid);
      if (ONLY === 'q1') {
        floor.kill('SIGTERM');
        return { ...result, rssMbUnderQ1: result.q1.rssMb };
      }
      // Q1 as a CDN would ask it: GET with the APQ hash only (registered once by a POST with the query).
      const q1Hash = require('node:crypto').createHash('sha256').update(Q1).digest('hex');
      const apqExt = { persistedQuery: { version: 1, sha256Hash: q1Hash } };
      await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: Q1, extensions: apqExt }) });
      const apqUrl = `${base}/graphql?extensions=${encodeURIComponent(JSON.stringify(apqExt))}`;
      result.q1Apq = await measureHttp('Q1 as an APQ GET (a hit)', () => ({ url: apqUrl, method: 'GET', headers: { 'x-storefront-token': s.token }, connections: 50 }), app.pid);
      result.q1Floor = await measureHttp('Q1 floor (http + pg)', floorReq('/q1', () => '{}'), floor.pid);
      result.q1Cursor = await measureHttp('Q1 random cursor', requests(() => JSON.stringify({ query: Q1_AFTER, variables: { after: pick(cursors) } })), app.pid);
      result.q1CursorFloor = await measureHttp('Q1 floor, random cursor', floorReq('/q1', () => JSON.stringify({ after: pick(slugs) })), floor.pid);
      result.q2 = await measureHttp('Q2 product(slug)', requests(() => JSON.stringify({ query: Q2, variables: { slug: pick(slugs) } })), app.pid);
      result.q2Floor = await measureHttp('Q2 floor (http + pg)', floorReq('/q2', () => JSON.stringify({ slug: pick(slugs) })), floor.pid);
    }
    if (ONLY !== 'catalog' && ONLY !== 'search') {
      // A logged-in B2B buyer: every request executes (agreed prices are private), served by the read cache's rows.
      const buyer = (fn) => () => ({ url: `${base}/graphql`, method: 'POST', headers: { ...headers, authorization: `Bearer ${s.buyerToken}` }, connections: 50, requests: [{ setupRequest: (r) => ({ ...r, body: fn() }) }] });
      // In turns with their floors: the buyer's pages are executed every time, near enough to the floor for a drift
      // of the machine's speed between the two to decide the ratio otherwise.
      [result.q1Buyer, result.q1BuyerFloor] = await measureHttpInTurns(
        { name: 'Q1 as a logged-in B2B buyer', makeOpts: buyer(() => JSON.stringify({ query: Q1 })), pid: app.pid },
        { name: 'Q1 floor', makeOpts: floorReq('/q1', () => '{}'), pid: floor.pid },
      );
      [result.q2Buyer, result.q2BuyerFloor] = await measureHttpInTurns(
        { name: 'Q2 as a logged-in B2B buyer, random slug', makeOpts: buyer(() => JSON.stringify({ query: Q2, variables: { slug: pick(slugs) } })), pid: app.pid },
        { name: 'Q2 floor, random slug', makeOpts: floorReq('/q2', () => JSON.stringify({ slug: pick(slugs) })), pid: floor.pid },
      );
      if (ONLY === 'buyer') {
        floor.kill('SIGTERM');
        return result;
      }
    }
    // A search whose text is new every time, for every cache (the response cache keys the text as sent, the
    // catalog's page cache the lower-cased text): "product", a random number and one to three more words of the
    // descriptions, each cut to a random prefix of 3+ letters, in random order and letter case — hundreds of millions
    // of distinct queries, each finding the one product with that number, as the floor's statement does.
    const EXTRA = ['description', 'benchmark', 'product', 'for', 'the'];
    const randomTerm = () => {
      const words = [`product`, String(Math.floor(Math.random() * 1000))];
      for (let k = 1 + Math.floor(Math.random() * 3); k > 0; k--) {
        const w = pick(EXTRA);
        words.push(w.slice(0, 3 + Math.floor(Math.random() * (w.length - 2))));
      }
      words.sort(() => Math.random() - 0.5);
      return words.join(' ').replace(/[a-z]/g, (ch) => (Math.random() < 0.5 ? ch.toUpperCase() : ch));
    };
    [result.searchMiss, result.searchMissFloor] = await measureHttpInTurns(
      { name: 'search, random terms (always a miss), PRICE_ASC', makeOpts: requests(() => JSON.stringify({ query: SORTED_SEARCH, variables: { s: randomTerm() } })), pid: app.pid },
      { name: 'search floor, random terms', makeOpts: floorReq('/search', () => JSON.stringify({ s: randomTerm() })), pid: floor.pid },
    );
    if (ONLY === 'search') {
      floor.kill('SIGTERM');
      return result;
    }
    // Catalog depth: a random category (a department covers five), two random colours and a random size.
    const facetArgs = () => {
      const c = Math.random() < 0.2 ? `dept-${Math.floor(Math.random() * 2)}` : pick(CATEGORIES);
      return { c, col: [pick(COLOURS), pick(COLOURS)], size: [pick(SIZES)] };
    };
    const searchArg = () => `product ${1 + Math.floor(Math.random() * 99)}`;
    [result.faceted, result.facetedFloor] = await measureHttpInTurns(
      { name: 'faceted listing (category + 2 attributes + facets)', makeOpts: requests(() => JSON.stringify({ query: FACETED, variables: facetArgs() })), pid: app.pid },
      { name: 'faceted listing floor', makeOpts: floorReq('/facets', () => JSON.stringify(facetArgs())), pid: floor.pid },
    );
    [result.sortedSearch, result.sortedSearchFloor] = await measureHttpInTurns(
      { name: 'sorted search (PRICE_ASC, random words)', makeOpts: requests(() => JSON.stringify({ query: SORTED_SEARCH, variables: { s: searchArg() } })), pid: app.pid },
      { name: 'sorted search floor', makeOpts: floorReq('/search', () => JSON.stringify({ s: searchArg() })), pid: floor.pid },
    );
    floor.kill('SIGTERM');
    if (ONLY === 'catalog') return result;
    result.rssMbUnderQ1 = result.q1.rssMb;
    result.ingest = await stockIngest(base, s, dbUrl);
    // The ingest with a webhook leaves deliveries behind: the push is measured on an idle app, as when run alone.
    await waitIdle(app.pid);
    Object.assign(result, await pushLatencies([base], s));
    if (process.env.BENCH_REDIS_URL && kind === 'pg') {
      // Two more instances on the same database, both fanning stock changes out through Redis (the first one is
      // stopped meanwhile, so the machine runs two app processes as a two-instance deployment would).
      app.kill('SIGSTOP');
      const bases = [];
      const pair = [];
      try {
        for (let k = 0; k < 2; k++) {
          const p = await freePort();
          pair.push(await startProcess([...START_FLAGS, MAIN], { ...appEnv, PORT: String(p), REDIS_URL: process.env.BENCH_REDIS_URL }, 'is ready'));
          bases.push(`http://127.0.0.1:${p}`);
        }
        const two = await pushLatencies(bases, s);
        result.latencyTwo = two.latency;
        result.latencyTwoRaw = two.latencyRaw;
      } finally {
        for (const a of pair) a.kill('SIGTERM');
        app.kill('SIGCONT');
      }
    }
    result.checkout = await measureCheckout(base, s.shopToken, s.shopSkus);
  } finally {
    app.kill('SIGTERM');
    await sleep(1500);
    await cleanup();
  }
  return result;
}

async function main() {
  const kinds = dbArg === 'both' ? ['pg', 'embedded'] : [dbArg];
  if (kinds.includes('pg') && !PG_URL) throw new Error('--db=pg needs BENCH_DATABASE_URL');
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const results = { date: new Date().toISOString(), machine, settings: { DURATION, WARMUP, RUNS, LEVELS, SUBSCRIBERS, PUSHES, BUYERS }, db: {} };
  for (const k of kinds) results.db[k] = await benchOne(k);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `bench-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nresults: ${file}`);
  console.log('\n| scenario | ' + kinds.join(' | ') + ' |\n|---|' + kinds.map(() => '---|').join(''));
  const row = (label, f) => console.log(`| ${label} | ${kinds.map((k) => f(results.db[k])).join(' | ')} |`);
  const catalogRows = () => {
    row('faceted listing req/s (p99 ms)', (r) => `${r.faceted.reqPerSec.toFixed(0)} (${r.faceted.p99})`);
    row('faceted listing floor req/s (p99)', (r) => `${r.facetedFloor.reqPerSec.toFixed(0)} (${r.facetedFloor.p99}) → ratio ${(r.faceted.reqPerSec / r.facetedFloor.reqPerSec).toFixed(2)}`);
    row('sorted search req/s (p99 ms)', (r) => `${r.sortedSearch.reqPerSec.toFixed(0)} (${r.sortedSearch.p99})`);
    row('sorted search floor req/s (p99)', (r) => `${r.sortedSearchFloor.reqPerSec.toFixed(0)} (${r.sortedSearchFloor.p99}) → ratio ${(r.sortedSearch.reqPerSec / r.sortedSearchFloor.reqPerSec).toFixed(2)}`);
    row('search, random terms req/s (p99) → ratio to its floor', (r) => `${r.searchMiss.reqPerSec.toFixed(0)} (${r.searchMiss.p99}) → ${(r.searchMiss.reqPerSec / r.searchMissFloor.reqPerSec).toFixed(2)} (floor ${r.searchMissFloor.reqPerSec.toFixed(0)})`);
  };
  const pushRows = () => {
    const fig = (l) => (l ? `${l.commitP50} / ${l.commitP99}` : '—');
    const req = (l) => (l ? `${l.p50} / ${l.p99}` : '—');
    row(`push → ${SUBSCRIBERS} subscribers, from the commit p50 / p99 ms: at the socket / in graphql-ws clients`, (r) => `${fig(r.latencyRaw)} / ${fig(r.latency)}`);
    row(`push → ${SUBSCRIBERS} subscribers, from the request p50 / p99 ms: at the socket / in graphql-ws clients`, (r) => `${req(r.latencyRaw)} / ${req(r.latency)}`);
    if (ONLY !== 'push') row('the same over two instances (Redis), from the commit p50 / p99 ms: at the socket / in graphql-ws clients', (r) => (r.latencyTwo || r.latencyTwoRaw ? `${fig(r.latencyTwoRaw)} / ${fig(r.latencyTwo)}` : 'not run (BENCH_REDIS_URL)'));
  };
  const buyerRows = () => {
    row('Q1 as a B2B buyer req/s (p99) → ratio to the Q1 floor (in turns)', (r) => `${r.q1Buyer.reqPerSec.toFixed(0)} (${r.q1Buyer.p99}) → ${(r.q1Buyer.reqPerSec / r.q1BuyerFloor.reqPerSec).toFixed(2)} (floor ${r.q1BuyerFloor.reqPerSec.toFixed(0)})`);
    row('Q2 as a B2B buyer req/s (p99) → ratio to the Q2 floor (in turns)', (r) => `${r.q2Buyer.reqPerSec.toFixed(0)} (${r.q2Buyer.p99}) → ${(r.q2Buyer.reqPerSec / r.q2BuyerFloor.reqPerSec).toFixed(2)} (floor ${r.q2BuyerFloor.reqPerSec.toFixed(0)})`);
  };
  if (ONLY === 'catalog') return catalogRows();
  if (ONLY === 'buyer') return buyerRows();
  if (ONLY === 'q1') return row('Q1 req/s (p99 ms), RSS under Q1 (MB)', (r) => `${r.q1.reqPerSec.toFixed(0)} (${r.q1.p99}), ${r.rssMbUnderQ1}`);
  if (ONLY === 'search') return row('search, random terms req/s (p99) → ratio to its floor', (r) => `${r.searchMiss.reqPerSec.toFixed(0)} (${r.searchMiss.p99}) → ${(r.searchMiss.reqPerSec / r.searchMissFloor.reqPerSec).toFixed(2)} (floor ${r.searchMissFloor.reqPerSec.toFixed(0)})`);
  if (ONLY === 'ingest') {
    row('stock ingest levels/s at 100 / 500 / 5000', (r) => `${r.ingest[100]} / ${r.ingest[500]} / ${r.ingest[5000]}`);
    row('raw upsert statement levels/s → ratios', (r) => `${r.ingest.floor[100]} / ${r.ingest.floor[500]} / ${r.ingest.floor[5000]} → ${[100, 500, 5000].map((b) => (r.ingest[b] / r.ingest.floor[b]).toFixed(2)).join(' / ')}`);
    row('with a stock.changed webhook, levels/s at 500 / 5000 → ratios', (r) => `${r.ingest.webhook[500]} / ${r.ingest.webhook[5000]} → ${[500, 5000].map((b) => (r.ingest.webhook[b] / r.ingest.floor[b]).toFixed(2)).join(' / ')}`);
    return;
  }
  if (ONLY === 'push') return pushRows();
  if (ONLY === 'insights') {
    for (const who of ['anonymous', 'buyer']) {
      row(`Q2 mean (98 %) / p99 ms, ${who} (interleaved)`, (r) => `${r.alsoBought[who].q2.meanMs} / ${r.alsoBought[who].q2.p99}`);
      row(`Q2 with alsoBought mean (98 %) / p99 ms, ${who}`, (r) => {
        const { q2, q2Also, reqPerSec } = r.alsoBought[who];
        return `${q2Also.meanMs} / ${q2Also.p99} → +${(100 * (q2Also.meanMs / q2.meanMs - 1)).toFixed(1)} % (${reqPerSec} req/s mixed)`;
      });
    }
    return;
  }
  row(`checkout orders/s, ${BUYERS} buyers (placeOrder p50 / p99 ms)`, (r) => `${r.checkout.ordersPerSec} (${r.checkout.placeOrderP50} / ${r.checkout.placeOrderP99})`);
  if (ONLY === 'checkout') return;
  row('Q1 req/s (p99 ms)', (r) => `${r.q1.reqPerSec.toFixed(0)} (${r.q1.p99})`);
  row('Q1 floor req/s (p99)', (r) => `${r.q1Floor.reqPerSec.toFixed(0)} (${r.q1Floor.p99}) → ratio ${(r.q1.reqPerSec / r.q1Floor.reqPerSec).toFixed(2)}`);
  row('Q1 as an APQ GET req/s (p99) → ratio to the Q1 floor', (r) => (r.q1Apq ? `${r.q1Apq.reqPerSec.toFixed(0)} (${r.q1Apq.p99}) → ${(r.q1Apq.reqPerSec / r.q1Floor.reqPerSec).toFixed(2)}` : '—'));
  row('Q1 random cursor req/s (p99)', (r) => `${r.q1Cursor.reqPerSec.toFixed(0)} (${r.q1Cursor.p99})`);
  row('Q1 floor random cursor', (r) => `${r.q1CursorFloor.reqPerSec.toFixed(0)} (${r.q1CursorFloor.p99})`);
  row('Q2 req/s (p99 ms)', (r) => `${r.q2.reqPerSec.toFixed(0)} (${r.q2.p99})`);
  row('Q2 floor req/s (p99)', (r) => `${r.q2Floor.reqPerSec.toFixed(0)} (${r.q2Floor.p99}) → ratio ${(r.q2.reqPerSec / r.q2Floor.reqPerSec).toFixed(2)}`);
  buyerRows();
  catalogRows(); // with the search that misses every cache
  row('stock ingest levels/s at 100 / 500 / 5000', (r) => `${r.ingest[100]} / ${r.ingest[500]} / ${r.ingest[5000]}`);
  row('raw upsert statement levels/s at 100 / 500 / 5000 → ratios', (r) => `${r.ingest.floor[100]} / ${r.ingest.floor[500]} / ${r.ingest.floor[5000]} → ${[100, 500, 5000].map((b) => (r.ingest[b] / r.ingest.floor[b]).toFixed(2)).join(' / ')}`);
  row('with a stock.changed webhook, levels/s at 500 / 5000 → ratios', (r) => `${r.ingest.webhook[500]} / ${r.ingest.webhook[5000]} → ${[500, 5000].map((b) => (r.ingest.webhook[b] / r.ingest.floor[b]).toFixed(2)).join(' / ')}`);
  pushRows();
  row('RSS under Q1 (MB)', (r) => r.rssMbUnderQ1);
  row('ready after start (ms)', (r) => r.readyMs);
}

const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
process.on('exit', killAll);
process.on('SIGINT', () => process.exit(130));
if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

module.exports = { startProcess, seed, gql, freePort, sleep, pct, benchDatabase, fakeVies, ADMIN, MAIN, Q1, Q2 };
