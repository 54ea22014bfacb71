#!/usr/bin/env node
// The raw floor of TARGETS.md: node:http + pg, one SQL statement per request, JSON.stringify — no
// framework, no GraphQL. Answers Q1 (`POST /q1 {after?}`) and Q2 (`POST /q2 {slug}`) for one storefront
// with the same semantics as the API (published + priced variants, availability over its warehouses).
const http = require('node:http');
const { Pool } = require('pg');

const [, , databaseUrl, storefrontId, portArg] = process.argv;
const pool = new Pool({ connectionString: databaseUrl, max: 10 });

// One statement per request: the page, its priced variants and their stock over the storefront's warehouses,
// aggregated set-wise (no per-row subqueries), JSON built by PostgreSQL.
const PAGE_JSON = (pageSql) => `
  WITH page AS (${pageSql}),
  v AS (SELECT v.product_id, v.id, v.sku, v.position, pr.amount_minor FROM variant v
          JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1 WHERE v.product_id IN (SELECT id FROM page)),
  st AS (SELECT sl.sku, sum(sl.on_hand - sl.reserved) AS q FROM stock_level sl
           JOIN storefront_warehouse sw ON sw.warehouse_id = sl.warehouse_id AND sw.storefront_id = $1
          WHERE sl.sku IN (SELECT sku FROM v) GROUP BY sl.sku),
  vj AS (SELECT v.product_id, json_agg(json_build_object('id', v.id, 'sku', v.sku,
           'price', json_build_object('amount', (v.amount_minor / 100.0)::numeric(12,2)::text),
           'availability', json_build_object('quantity', greatest(0, coalesce(st.q, 0)))) ORDER BY v.position, v.sku) AS variants
           FROM v LEFT JOIN st ON st.sku = v.sku GROUP BY v.product_id)
  SELECT page.*, coalesce(vj.variants, '[]') AS variants FROM page LEFT JOIN vj ON vj.product_id = page.id ORDER BY page.slug`;

const Q1 = PAGE_JSON(`
  SELECT p.id, p.slug, p.name,
         (SELECT count(*) FROM publication pb WHERE pb.storefront_id = $1
             AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1
                          WHERE v.product_id = pb.product_id)) AS total
    FROM publication pub JOIN product p ON p.id = pub.product_id
   WHERE pub.storefront_id = $1 AND ($2::text IS NULL OR p.slug > $2)
     AND EXISTS (SELECT 1 FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1 WHERE v.product_id = p.id)
   ORDER BY p.slug LIMIT 20`);

const Q2 = PAGE_JSON(`
  SELECT p.id, p.slug, p.name, p.description FROM publication pub JOIN product p ON p.id = pub.product_id
   WHERE pub.storefront_id = $1 AND p.slug = $2`);

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const args = body ? JSON.parse(body) : {};
      let out;
      if (req.url === '/q1') {
        const { rows } = await pool.query(Q1, [storefrontId, args.after ?? null]);
        out = { data: { products: { totalCount: Number(rows[0]?.total ?? 0), edges: rows.map(({ total: _t, slug: _s, ...node }) => ({ node })) } } };
      } else {
        const { rows } = await pool.query(Q2, [storefrontId, args.slug]);
        out = { data: { product: rows[0] ? { ...rows[0], slug: undefined } : null } };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out));
    } catch (e) {
      res.writeHead(500);
      res.end(String(e.message));
    }
  });
});
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('floor ready\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
