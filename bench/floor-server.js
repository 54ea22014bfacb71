#!/usr/bin/env node
// The raw floor of TARGETS.md: node:http + pg, one SQL statement per request, JSON.stringify — no
// framework, no GraphQL. Answers Q1 (`POST /q1 {after?}`), Q2 (`POST /q2 {slug}`), the faceted listing
// (`POST /facets {c, col, size}`) and the sorted search (`POST /search {s}`) for one storefront
// with the same semantics as the API (published + priced variants, availability over its warehouses).
const http = require('node:http');
const { Pool } = require('pg');

const [, , databaseUrl, storefrontId, portArg] = process.argv;
const pool = new Pool({ connectionString: databaseUrl, max: 10 });
// Named (prepared) statements, but on the embedded database: there every connection is the one PGlite session, where
// a second connection preparing the same name would collide (the app sends plain statements there too).
const NAMED = process.env.FLOOR_NAMED_STATEMENTS !== '0';
const run = (name, text, values) => pool.query(NAMED ? { name, text, values } : { text, values });

// One statement per request, prepared (a named statement: parsed and planned once per connection, as the app's are).
// A page's variants come by index lookups per product (variant by product, price by storefront and variant, stock by
// SKU over the storefront's warehouses): for a page of 20 products this beats set-wise joins, which read whole tables.
const VARIANTS_JSON = (productId) => `coalesce((
    SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku,
             'price', json_build_object('amount', (pr.amount_minor / 100.0)::numeric(12,2)::text),
             'availability', json_build_object('quantity', greatest(0, coalesce(
                (SELECT sum(sl.on_hand - sl.reserved) FROM storefront_warehouse sw
                   JOIN stock_level sl ON sl.sku = v.sku AND sl.warehouse_id = sw.warehouse_id
                  WHERE sw.storefront_id = $1), 0)))) ORDER BY v.position, v.sku)
      FROM variant v JOIN price pr ON pr.storefront_id = $1 AND pr.variant_id = v.id
     WHERE v.product_id = ${productId}), '[]')`;

const PAGE_JSON = (pageSql) => `
  WITH page AS (${pageSql})
  SELECT page.*, ${VARIANTS_JSON('page.id')} AS variants FROM page ORDER BY page.slug`;

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

// The faceted listing in one statement: visible variants of the category (and its descendants) with flags for the
// two attribute filters, the matching products' first page with variants and stock, the total, and per facet value
// the products matching every filter but its own attribute's.
const FACETS = `
  WITH cat AS (SELECT c.id FROM category c JOIN storefront s ON s.brand_id = c.brand_id AND s.id = $1 WHERE c.slug = $2),
  want AS (SELECT a.code, av.id FROM attribute a JOIN attribute_value av ON av.attribute_id = a.id
            WHERE (a.code = 'colour' AND av.code = ANY($3)) OR (a.code = 'size' AND av.code = ANY($4))),
  vis AS (SELECT v.product_id, v.id, v.sku, v.position, v.facet_values, pr.amount_minor,
                 v.facet_values && ARRAY(SELECT id FROM want WHERE code = 'colour') AS c_ok,
                 v.facet_values && ARRAY(SELECT id FROM want WHERE code = 'size') AS s_ok
            FROM publication pub JOIN variant v ON v.product_id = pub.product_id
            JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1
           WHERE pub.storefront_id = $1
             AND pub.product_id IN (SELECT pc.product_id FROM product_category pc JOIN category d ON d.id = pc.category_id
                                     WHERE d.path @> ARRAY(SELECT id FROM cat))),
  matched AS (SELECT DISTINCT product_id FROM vis WHERE c_ok AND s_ok),
  page AS (SELECT p.id, p.slug, p.name FROM product p WHERE p.id IN (SELECT product_id FROM matched) ORDER BY p.slug LIMIT 20),
  fc AS (SELECT a.code AS attribute, av.code AS value, count(DISTINCT f.product_id) AS n
           FROM vis f CROSS JOIN LATERAL unnest(f.facet_values) AS x(value_id)
           JOIN attribute_value av ON av.id = x.value_id JOIN attribute a ON a.id = av.attribute_id AND a.filterable
          WHERE CASE a.code WHEN 'colour' THEN f.s_ok WHEN 'size' THEN f.c_ok ELSE f.c_ok AND f.s_ok END
          GROUP BY a.code, av.code)
  SELECT (SELECT count(*) FROM matched) AS total,
         (SELECT json_agg(fc) FROM fc) AS facets,
         (SELECT json_agg(json_build_object('node', json_build_object('id', page.id, 'name', page.name, 'variants',
                   ${VARIANTS_JSON('page.id')})) ORDER BY page.slug)
            FROM page) AS edges`;

// The sorted search in one statement: name/description words as prefixes (the GIN index), cheapest first.
const SEARCH = `
  WITH m AS (SELECT p.id, p.name,
                    (SELECT min(pr.amount_minor) FROM variant v JOIN price pr ON pr.variant_id = v.id AND pr.storefront_id = $1
                      WHERE v.product_id = p.id) AS k
               FROM publication pub JOIN product p ON p.id = pub.product_id
              WHERE pub.storefront_id = $1 AND p.search @@ to_tsquery('simple', $2)),
  page AS (SELECT * FROM m WHERE k IS NOT NULL ORDER BY k, id LIMIT 20)
  SELECT (SELECT count(*) FROM m WHERE k IS NOT NULL) AS total,
         (SELECT json_agg(json_build_object('node', json_build_object('id', page.id, 'name', page.name, 'variants',
                   ${VARIANTS_JSON('page.id')})) ORDER BY page.k, page.id)
            FROM page) AS edges`;

const prefixQuery = (text) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `${w}:*`).join(' & ') || 'x';

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const args = body ? JSON.parse(body) : {};
      let out;
      if (req.url === '/facets') {
        const { rows } = await run('facets', FACETS, [storefrontId, args.c, args.col, args.size]);
        out = { data: { products: { totalCount: Number(rows[0].total), facets: rows[0].facets ?? [], edges: rows[0].edges ?? [] } } };
      } else if (req.url === '/search') {
        const { rows } = await run('search', SEARCH, [storefrontId, prefixQuery(args.s)]);
        out = { data: { products: { totalCount: Number(rows[0].total), edges: rows[0].edges ?? [] } } };
      } else if (req.url === '/q1') {
        const { rows } = await run('q1', Q1, [storefrontId, args.after ?? null]);
        out = { data: { products: { totalCount: Number(rows[0]?.total ?? 0), edges: rows.map(({ total: _t, slug: _s, ...node }) => ({ node })) } } };
      } else {
        const { rows } = await run('q2', Q2, [storefrontId, args.slug]);
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
