#!/usr/bin/env node
// "Also bought" upkeep (issue 16, docs/INSIGHTS.md): an incremental pair table vs a materialised view refreshed by
// the worker. In a scratch schema of the database at BENCH_DATABASE_URL (PostgreSQL) it generates orders with
// 1..8 lines over 2,000 products (a few popular ones), then times, at several order volumes:
//  - REFRESH MATERIALIZED VIEW [CONCURRENTLY] of the pair counts over every order (what a refreshing worker pays);
//  - the incremental statement the insights worker runs for a batch of 200 new orders (the same shape as
//    InsightsRepository.applyPairs: pairs of the batch, INSERT … ON CONFLICT DO UPDATE in key order).
// Usage: BENCH_DATABASE_URL=postgres://… node bench/insights-pairs.js [orders…]   (default 10000 100000 500000)
const { Client } = require('pg');

const URL = process.env.BENCH_DATABASE_URL;
const VOLUMES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const PRODUCTS = 2000;
const BATCH = 200;

async function timed(c, sql, values) {
  const t0 = process.hrtime.bigint();
  await c.query(sql, values);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main() {
  if (!URL) throw new Error('set BENCH_DATABASE_URL (a PostgreSQL to make a scratch schema in)');
  const c = new Client({ connectionString: URL });
  await c.connect();
  const schema = `pairs_bench_${Date.now()}`;
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.query(`SET search_path = ${schema}`);
  const rows = [];
  try {
    await c.query(`CREATE TABLE order_line (order_id int NOT NULL, product_id int NOT NULL, PRIMARY KEY (order_id, product_id))`);
    await c.query(
      `CREATE TABLE product_pair (product_id int, other_id int, orders int NOT NULL, PRIMARY KEY (product_id, other_id))`,
    );
    await c.query(`CREATE INDEX product_pair_rank ON product_pair (product_id, orders DESC, other_id)`);
    await c.query(`
      CREATE MATERIALIZED VIEW pair_view AS
      SELECT a.product_id, b.product_id AS other_id, count(*)::int AS orders
        FROM order_line a JOIN order_line b ON b.order_id = a.order_id AND b.product_id <> a.product_id
       GROUP BY 1, 2 WITH NO DATA`);
    await c.query(`CREATE UNIQUE INDEX pair_view_key ON pair_view (product_id, other_id)`);
    // Orders with 1..8 lines; products skewed towards low ids (a few best sellers).
    const add = (from, to) =>
      c.query(
        `INSERT INTO order_line
         SELECT o, (floor(power(random(), 2) * ${PRODUCTS}))::int
           FROM generate_series($1::int, $2::int) AS o, generate_series(1, 1 + (random() * 7)::int)
         ON CONFLICT DO NOTHING`,
        [from, to],
      );
    let have = 0;
    for (const n of VOLUMES.length ? VOLUMES : [10000, 100000, 500000]) {
      await add(have + 1, n);
      have = n;
      await c.query('ANALYZE order_line');
      const [{ lines }] = (await c.query('SELECT count(*)::int AS lines FROM order_line')).rows;
      const full = await timed(c, 'REFRESH MATERIALIZED VIEW pair_view');
      const concurrent = await timed(c, 'REFRESH MATERIALIZED VIEW CONCURRENTLY pair_view');
      const [{ pairs }] = (await c.query('SELECT count(*)::int AS pairs FROM pair_view')).rows;
      // The table as the worker would have it by now (not timed), then its increment for the next BATCH orders.
      await c.query('TRUNCATE product_pair');
      await c.query('INSERT INTO product_pair SELECT * FROM pair_view');
      await c.query('ANALYZE product_pair');
      await add(n + 1, n + BATCH);
      const increment = await timed(
        c,
        `WITH lp AS (SELECT order_id, product_id FROM order_line WHERE order_id BETWEEN $1 AND $2),
              pairs AS (SELECT a.product_id, b.product_id AS other_id, count(*)::int AS n
                          FROM lp a JOIN lp b ON b.order_id = a.order_id AND b.product_id <> a.product_id GROUP BY 1, 2)
         INSERT INTO product_pair SELECT product_id, other_id, n FROM pairs ORDER BY 1, 2
         ON CONFLICT (product_id, other_id) DO UPDATE SET orders = product_pair.orders + EXCLUDED.orders`,
        [n + 1, n + BATCH],
      );
      await c.query('DELETE FROM order_line WHERE order_id > $1', [n]);
      const row = {
        orders: n,
        lines,
        pairs,
        refreshMs: Math.round(full),
        refreshConcurrentlyMs: Math.round(concurrent),
        incrementMs: +increment.toFixed(1),
      };
      rows.push(row);
      console.log(
        `${n} orders (${lines} lines, ${pairs} pairs): REFRESH ${row.refreshMs} ms, CONCURRENTLY ${row.refreshConcurrentlyMs} ms; ` +
          `increment of ${BATCH} new orders ${row.incrementMs} ms`,
      );
    }
  } finally {
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
  console.log(
    '\n| orders | lines | pairs | REFRESH ms | REFRESH CONCURRENTLY ms | increment of 200 orders ms |\n|---|---|---|---|---|---|',
  );
  for (const r of rows)
    console.log(`| ${r.orders} | ${r.lines} | ${r.pairs} | ${r.refreshMs} | ${r.refreshConcurrentlyMs} | ${r.incrementMs} |`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
