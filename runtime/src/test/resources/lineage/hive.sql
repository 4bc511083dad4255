-- Hive lineage corpus. Names are case-insensitive and stored in lower case; database = schema.
-- @defaults default default
-- @catalog sales.sales.orders: order_id, customer_id, amount, dt
-- @catalog sales.sales.customers: customer_id, name, country

-- case: INSERT OVERWRITE TABLE with static partition
INSERT OVERWRITE TABLE sales.daily_totals PARTITION (dt = '2024-06-01')
SELECT customer_id, SUM(amount) FROM sales.orders WHERE dt = '2024-06-01' GROUP BY customer_id;
-- target: sales.sales.daily_totals
-- source: sales.sales.orders

-- case: unqualified names after USE (regex weakness)
-- defaults: default sales
INSERT INTO TABLE order_copy SELECT order_id, amount FROM orders;
-- target: sales.sales.order_copy
-- source: sales.sales.orders

-- case: CTAS stored as parquet
CREATE TABLE IF NOT EXISTS mart.customer_totals STORED AS PARQUET AS
SELECT c.name, SUM(o.amount) AS total FROM sales.customers c JOIN sales.orders o ON o.customer_id = c.customer_id GROUP BY c.name;
-- target: mart.mart.customer_totals
-- source: sales.sales.customers
-- source: sales.sales.orders
-- column: name <- sales.sales.customers.name
-- column: total <- sales.sales.orders.amount

-- case: backticks and upper case fold to lower case
CREATE TABLE `Mart`.`Country_Counts` AS SELECT country, COUNT(*) AS n FROM SALES.CUSTOMERS GROUP BY country;
-- target: mart.mart.country_counts
-- source: sales.sales.customers
-- column: country <- sales.sales.customers.country

-- case: create view (missed by regex)
CREATE VIEW mart.v_big_orders AS SELECT order_id, amount FROM sales.orders WHERE amount > 100;
-- target: mart.mart.v_big_orders
-- source: sales.sales.orders
-- column: order_id <- sales.sales.orders.order_id
-- column: amount <- sales.sales.orders.amount

-- case: create temporary table (missed by regex)
CREATE TEMPORARY TABLE tmp_orders AS SELECT order_id, customer_id FROM sales.orders;
-- target: default.default.tmp_orders temporary
-- source: sales.sales.orders
-- column: order_id <- sales.sales.orders.order_id
-- column: customer_id <- sales.sales.orders.customer_id

-- case: FROM subquery (regex weakness)
INSERT OVERWRITE TABLE mart.top_customers
SELECT t.customer_id, t.total FROM (SELECT customer_id, SUM(amount) AS total FROM sales.orders GROUP BY customer_id) t WHERE t.total > 1000;
-- target: mart.mart.top_customers
-- source: sales.sales.orders

-- case: insert with catalog target maps columns by position
INSERT INTO TABLE sales.orders SELECT id, cust, amt, day FROM staging.orders_raw;
-- target: sales.sales.orders
-- source: staging.staging.orders_raw
-- column: order_id <- staging.staging.orders_raw.id
-- column: customer_id <- staging.staging.orders_raw.cust
-- column: amount <- staging.staging.orders_raw.amt
-- column: dt <- staging.staging.orders_raw.day

-- case: multi-insert from one source
FROM sales.orders o
INSERT OVERWRITE TABLE mart.small_orders SELECT o.order_id, o.amount WHERE o.amount < 10
INSERT OVERWRITE TABLE mart.large_orders SELECT o.order_id, o.amount WHERE o.amount >= 10;
-- target: mart.mart.small_orders
-- source: sales.sales.orders
-- target: mart.mart.large_orders
-- source: sales.sales.orders

-- case: lateral view explode
INSERT OVERWRITE TABLE mart.customer_tags SELECT c.customer_id, tag FROM sales.customer_profiles c LATERAL VIEW explode(c.tags) tt AS tag;
-- target: mart.mart.customer_tags
-- source: sales.sales.customer_profiles

-- case: lateral view outer
CREATE TABLE mart.tags_all AS SELECT c.customer_id, tag FROM sales.customer_profiles c LATERAL VIEW OUTER explode(c.tags) tt AS tag;
-- target: mart.mart.tags_all
-- source: sales.sales.customer_profiles
-- column: customer_id <- sales.sales.customer_profiles.customer_id
-- column: tag <- sales.sales.customer_profiles.tags

-- case: literals and functions stripped without inventing columns
CREATE TABLE mart.order_flags AS SELECT order_id, CASE WHEN amount > 0 THEN 'credit' ELSE 'debit' END AS kind, concat('x.', 'y') AS lit FROM sales.orders;
-- target: mart.mart.order_flags
-- source: sales.sales.orders
-- column: order_id <- sales.sales.orders.order_id
-- column: kind <- sales.sales.orders.amount

-- case: ROW_NUMBER over window
CREATE TABLE mart.ranked AS SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rn FROM sales.orders;
-- target: mart.mart.ranked
-- source: sales.sales.orders
-- column: order_id <- sales.sales.orders.order_id
-- column: rn <- sales.sales.orders.customer_id, sales.sales.orders.amount

-- case: UNION ALL in a subquery
INSERT INTO TABLE mart.all_ids SELECT u.id FROM (SELECT order_id AS id FROM sales.orders UNION ALL SELECT customer_id AS id FROM sales.customers) u;
-- target: mart.mart.all_ids
-- source: sales.sales.orders
-- source: sales.sales.customers

-- case: external table definition has no lineage
CREATE EXTERNAL TABLE staging.raw_events (id STRING, payload STRING) STORED AS TEXTFILE LOCATION 's3://bucket/events/';
-- none

-- case: INSERT VALUES
INSERT INTO TABLE staging.lookup VALUES ('a', 1), ('b', 2);
-- none

-- case: CTE with Hive
WITH s AS (SELECT customer_id, amount FROM sales.orders WHERE amount > 0)
INSERT OVERWRITE TABLE mart.positive_orders SELECT customer_id, amount FROM s;
-- target: mart.mart.positive_orders
-- source: sales.sales.orders

-- case: view over a join with star via catalog
CREATE VIEW mart.v_customers AS SELECT * FROM sales.customers;
-- target: mart.mart.v_customers
-- source: sales.sales.customers
-- column: customer_id <- sales.sales.customers.customer_id
-- column: name <- sales.sales.customers.name
-- column: country <- sales.sales.customers.country

-- case: MSCK is not lineage
MSCK REPAIR TABLE sales.orders;
-- none

-- case: LEFT SEMI JOIN
CREATE TABLE mart.buyers AS SELECT c.customer_id, c.name FROM sales.customers c LEFT SEMI JOIN sales.orders o ON o.customer_id = c.customer_id;
-- target: mart.mart.buyers
-- source: sales.sales.customers
-- source: sales.sales.orders
-- column: customer_id <- sales.sales.customers.customer_id
-- column: name <- sales.sales.customers.name
