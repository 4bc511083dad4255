-- Databricks (Spark SQL, Unity Catalog) lineage corpus. Catalog, schema and table names are
-- stored in lower case, backticked or not; column names are kept as written.
-- @defaults main default
-- @catalog main.bronze.orders: order_id, customer_id, amount, status, updated_at
-- @catalog main.silver.orders: order_id, customer_id, amount, status, updated_at

-- case: CTAS with USING DELTA
CREATE TABLE silver.daily_revenue USING DELTA AS
SELECT DATE(updated_at) AS day, SUM(amount) AS revenue FROM bronze.orders GROUP BY DATE(updated_at);
-- target: main.silver.daily_revenue
-- source: main.bronze.orders
-- column: day <- main.bronze.orders.updated_at
-- column: revenue <- main.bronze.orders.amount

-- case: upper-case and backticked names fold to lower case
CREATE OR REPLACE TABLE Main.`Gold`.Customer_LTV AS SELECT customer_id, SUM(amount) AS ltv FROM MAIN.BRONZE.ORDERS GROUP BY customer_id;
-- target: main.gold.customer_ltv
-- source: main.bronze.orders
-- column: customer_id <- main.bronze.orders.customer_id
-- column: ltv <- main.bronze.orders.amount

-- case: INSERT OVERWRITE without TABLE keyword
INSERT OVERWRITE silver.orders SELECT order_id, customer_id, amount, status, updated_at FROM bronze.orders WHERE amount IS NOT NULL;
-- target: main.silver.orders
-- source: main.bronze.orders
-- column: order_id <- main.bronze.orders.order_id
-- column: customer_id <- main.bronze.orders.customer_id
-- column: amount <- main.bronze.orders.amount
-- column: status <- main.bronze.orders.status
-- column: updated_at <- main.bronze.orders.updated_at

-- case: INSERT INTO TABLE with column list
INSERT INTO TABLE gold.status_counts (status, n) SELECT status, COUNT(order_id) FROM silver.orders GROUP BY status;
-- target: main.gold.status_counts
-- source: main.silver.orders
-- column: status <- main.silver.orders.status
-- column: n <- main.silver.orders.order_id

-- case: MERGE with UPDATE SET * and INSERT *
MERGE INTO silver.orders t
USING bronze.orders s ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *;
-- target: main.silver.orders
-- source: main.bronze.orders
-- column: order_id <- main.bronze.orders.order_id
-- column: customer_id <- main.bronze.orders.customer_id
-- column: amount <- main.bronze.orders.amount
-- column: status <- main.bronze.orders.status
-- column: updated_at <- main.bronze.orders.updated_at

-- case: MERGE with explicit columns and a CTE source
MERGE INTO gold.customers AS t
USING (SELECT customer_id, MAX(updated_at) AS last_seen FROM silver.orders GROUP BY customer_id) AS s
ON t.customer_id = s.customer_id
WHEN MATCHED THEN UPDATE SET t.last_seen = s.last_seen
WHEN NOT MATCHED THEN INSERT (customer_id, last_seen) VALUES (s.customer_id, s.last_seen);
-- target: main.gold.customers
-- source: main.silver.orders
-- column: last_seen <- main.silver.orders.updated_at
-- column: customer_id <- main.silver.orders.customer_id

-- case: temp view is resolved through, marked temporary
CREATE OR REPLACE TEMP VIEW recent_orders AS SELECT order_id, amount FROM silver.orders WHERE updated_at > current_date() - 7;
-- target: main.default.recent_orders temporary
-- source: main.silver.orders
-- column: order_id <- main.silver.orders.order_id
-- column: amount <- main.silver.orders.amount

-- case: view with comment
CREATE VIEW IF NOT EXISTS gold.v_open AS SELECT order_id FROM silver.orders WHERE status = 'open';
-- target: main.gold.v_open
-- source: main.silver.orders
-- column: order_id <- main.silver.orders.order_id

-- case: materialized view
CREATE MATERIALIZED VIEW gold.mv_amounts AS SELECT customer_id, AVG(amount) AS avg_amount FROM silver.orders GROUP BY customer_id;
-- target: main.gold.mv_amounts
-- source: main.silver.orders
-- column: customer_id <- main.silver.orders.customer_id
-- column: avg_amount <- main.silver.orders.amount

-- case: shallow clone
CREATE TABLE IF NOT EXISTS dev.silver.orders_clone SHALLOW CLONE main.silver.orders;
-- target: dev.silver.orders_clone
-- source: main.silver.orders

-- case: deep clone with or replace
CREATE OR REPLACE TABLE backup.orders DEEP CLONE silver.orders;
-- target: main.backup.orders
-- source: main.silver.orders

-- case: COPY INTO from a cloud path
COPY INTO bronze.orders FROM 's3://landing/orders/' FILEFORMAT = JSON COPY_OPTIONS ('mergeSchema' = 'true');
-- target: main.bronze.orders
-- source: -.-.s3://landing/orders/

-- case: lateral view explode
CREATE TABLE silver.order_tags AS SELECT o.order_id, tag FROM bronze.orders_raw o LATERAL VIEW explode(o.tags) t AS tag;
-- target: main.silver.order_tags
-- source: main.bronze.orders_raw
-- column: order_id <- main.bronze.orders_raw.order_id
-- column: tag <- main.bronze.orders_raw.tags

-- case: double-quoted strings are literals
CREATE TABLE gold.labels AS SELECT order_id, concat("order-", order_id) AS label FROM silver.orders WHERE status = "closed";
-- target: main.gold.labels
-- source: main.silver.orders
-- column: order_id <- main.silver.orders.order_id
-- column: label <- main.silver.orders.order_id

-- case: CTE chain with star through the catalog
CREATE TABLE gold.big_orders AS
WITH o AS (SELECT * FROM silver.orders), big AS (SELECT order_id, amount FROM o WHERE amount > 1000)
SELECT * FROM big;
-- target: main.gold.big_orders
-- source: main.silver.orders
-- column: order_id <- main.silver.orders.order_id
-- column: amount <- main.silver.orders.amount

-- case: UPDATE with subquery in SET
UPDATE gold.customers SET segment = (SELECT MAX(s.segment) FROM ref.segments s WHERE s.customer_id = customers.customer_id);
-- target: main.gold.customers
-- source: main.ref.segments
-- column: segment <- main.ref.segments.segment

-- case: DELETE with subquery
DELETE FROM silver.orders WHERE customer_id IN (SELECT customer_id FROM ref.gdpr_deletions);
-- target: main.silver.orders
-- source: main.ref.gdpr_deletions

-- case: INSERT VALUES gives no edge
INSERT INTO ref.segments VALUES (1, 'gold'), (2, 'silver');
-- none

-- case: plain select with three-part names
SELECT * FROM main.silver.orders o JOIN main.gold.customers c ON o.customer_id = c.customer_id;
-- none

-- case: hive_metastore two-part name
-- defaults: hive_metastore default
CREATE TABLE sales.summary AS SELECT region, SUM(total) AS total FROM sales.transactions GROUP BY region;
-- target: hive_metastore.sales.summary
-- source: hive_metastore.sales.transactions
-- column: region <- hive_metastore.sales.transactions.region
-- column: total <- hive_metastore.sales.transactions.total

-- case: table-valued function read_files is not a table
CREATE TABLE bronze.events AS SELECT * FROM read_files('s3://bucket/events/', format => 'json');
-- none

-- case: window and CASE
CREATE TABLE gold.order_rank AS
SELECT order_id,
       CASE WHEN amount >= 100 THEN 'big' ELSE 'small' END AS size,
       dense_rank() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS rnk
FROM silver.orders;
-- target: main.gold.order_rank
-- source: main.silver.orders
-- column: order_id <- main.silver.orders.order_id
-- column: size <- main.silver.orders.amount
-- column: rnk <- main.silver.orders.customer_id, main.silver.orders.amount

-- case: except set operation
INSERT INTO gold.missing_customers SELECT customer_id FROM silver.orders EXCEPT SELECT customer_id FROM gold.customers;
-- target: main.gold.missing_customers
-- source: main.silver.orders
-- source: main.gold.customers
