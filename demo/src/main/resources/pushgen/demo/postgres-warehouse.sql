-- The demo's sample warehouse: a small shop with raw, staging and reporting schemas.
CREATE SCHEMA raw;
COMMENT ON SCHEMA raw IS 'Data as loaded from the source systems';
CREATE TABLE raw.customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  email varchar(200),
  country char(2),
  created_at timestamptz NOT NULL DEFAULT now());
COMMENT ON TABLE raw.customers IS 'Customers, one row per account';
COMMENT ON COLUMN raw.customers.email IS 'Contact address; may be null for guest accounts';
CREATE TABLE raw.orders (
  id bigint PRIMARY KEY,
  customer_id integer REFERENCES raw.customers (id),
  amount numeric(12, 2) NOT NULL,
  status varchar(20) NOT NULL,
  ordered_at timestamp NOT NULL);
COMMENT ON TABLE raw.orders IS 'Orders as placed in the web shop';
INSERT INTO raw.customers (id, name, email, country)
  SELECT g, 'Customer ' || g, 'c' || g || '@example.com', (ARRAY['DE', 'FR', 'US', 'JP'])[1 + g % 4]
  FROM generate_series(1, 250) g;
INSERT INTO raw.orders
  SELECT g, 1 + g % 250, round((10 + random() * 490)::numeric, 2),
         (ARRAY['placed', 'shipped', 'returned'])[1 + g % 3],
         timestamp '2026-01-01' + g * interval '7 minutes'
  FROM generate_series(1, 5000) g;

CREATE SCHEMA staging;
CREATE TABLE staging.order_facts AS
  SELECT o.id, o.amount, o.status, o.ordered_at::date AS order_date, c.country
  FROM raw.orders o JOIN raw.customers c ON c.id = o.customer_id;

CREATE SCHEMA reporting;
CREATE VIEW reporting.open_orders AS
  SELECT id, amount, order_date FROM staging.order_facts WHERE status = 'placed';
COMMENT ON VIEW reporting.open_orders IS 'Orders not yet shipped';
CREATE MATERIALIZED VIEW reporting.revenue_by_country AS
  SELECT country, order_date, sum(amount) AS revenue, count(*) AS orders
  FROM staging.order_facts GROUP BY country, order_date;

CREATE SCHEMA "Finance Team";
CREATE TABLE "Finance Team"."Quarterly ""Targets""" ("Quarter" text, "Zielumsatz €" numeric);
ANALYZE;

-- A nightly load, as the server logs it: lineage from statements comes from these.
CREATE TABLE reporting.daily_revenue AS
  SELECT order_date, sum(amount) AS revenue FROM staging.order_facts GROUP BY order_date;
INSERT INTO reporting.daily_revenue (order_date, revenue)
  SELECT ordered_at::date, sum(amount) FROM raw.orders WHERE status = 'returned' GROUP BY 1;
ANALYZE;
