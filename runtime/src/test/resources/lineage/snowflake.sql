-- Snowflake lineage corpus. Unquoted identifiers are upper case, quoted ones kept exactly;
-- a two-part name is schema.table in the session's database.
-- @defaults ANALYTICS PUBLIC
-- @catalog ANALYTICS.RAW.CUSTOMERS: ID, NAME, EMAIL, CREATED_AT
-- @catalog ANALYTICS.RAW.ORDERS: ID, CUSTOMER_ID, AMOUNT, STATUS, ORDERED_AT
-- @catalog ANALYTICS.MART.DIM_CUSTOMER: CUSTOMER_ID, NAME, EMAIL

-- case: CTAS with alias and expression
CREATE TABLE mart.order_totals AS
SELECT o.customer_id, SUM(o.amount) AS total_amount, COUNT(*) AS n
FROM raw.orders o
GROUP BY o.customer_id;
-- target: ANALYTICS.MART.ORDER_TOTALS
-- source: ANALYTICS.RAW.ORDERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.ORDERS.CUSTOMER_ID
-- column: TOTAL_AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: two-part name is schema.table (regex weakness)
CREATE OR REPLACE TABLE staging.events AS SELECT event_id, payload FROM landing.raw_events;
-- target: ANALYTICS.STAGING.EVENTS
-- source: ANALYTICS.LANDING.RAW_EVENTS
-- column: EVENT_ID <- ANALYTICS.LANDING.RAW_EVENTS.EVENT_ID
-- column: PAYLOAD <- ANALYTICS.LANDING.RAW_EVENTS.PAYLOAD

-- case: three-part names and a join
CREATE OR REPLACE TRANSIENT TABLE prod.mart.customer_orders AS
SELECT c.id AS customer_id, c.name, o.amount
FROM prod.raw.customers c JOIN prod.raw.orders o ON o.customer_id = c.id;
-- target: PROD.MART.CUSTOMER_ORDERS
-- source: PROD.RAW.CUSTOMERS
-- source: PROD.RAW.ORDERS
-- column: CUSTOMER_ID <- PROD.RAW.CUSTOMERS.ID
-- column: NAME <- PROD.RAW.CUSTOMERS.NAME
-- column: AMOUNT <- PROD.RAW.ORDERS.AMOUNT

-- case: one-part names from defaults
-- defaults: SALES CORE
INSERT INTO daily SELECT d, cnt FROM hourly;
-- target: SALES.CORE.DAILY
-- source: SALES.CORE.HOURLY

-- case: quoted identifiers keep their case
CREATE TABLE "Mart"."CustomerSummary" AS SELECT "Id", "fullName" AS "Name" FROM "Raw"."Customers";
-- target: ANALYTICS.Mart.CustomerSummary
-- source: ANALYTICS.Raw.Customers
-- column: Id <- ANALYTICS.Raw.Customers.Id
-- column: Name <- ANALYTICS.Raw.Customers.fullName

-- case: mixed quoted and unquoted parts
INSERT INTO "analytics".mart."Daily Sales" ("Day", total) SELECT sale_day, SUM(amount) FROM raw.sales GROUP BY sale_day;
-- target: analytics.MART.Daily Sales
-- source: ANALYTICS.RAW.SALES
-- column: Day <- ANALYTICS.RAW.SALES.SALE_DAY
-- column: TOTAL <- ANALYTICS.RAW.SALES.AMOUNT

-- case: secure view
CREATE OR REPLACE SECURE VIEW mart.v_customers AS SELECT id, name FROM raw.customers WHERE email IS NOT NULL;
-- target: ANALYTICS.MART.V_CUSTOMERS
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME

-- case: materialized view with aggregate
CREATE MATERIALIZED VIEW mart.mv_status AS SELECT status, COUNT(id) AS orders FROM raw.orders GROUP BY status;
-- target: ANALYTICS.MART.MV_STATUS
-- source: ANALYTICS.RAW.ORDERS
-- column: STATUS <- ANALYTICS.RAW.ORDERS.STATUS
-- column: ORDERS <- ANALYTICS.RAW.ORDERS.ID

-- case: view with column list
CREATE VIEW mart.v_pairs (customer, spend) AS SELECT customer_id, amount FROM raw.orders;
-- target: ANALYTICS.MART.V_PAIRS
-- source: ANALYTICS.RAW.ORDERS
-- column: CUSTOMER <- ANALYTICS.RAW.ORDERS.CUSTOMER_ID
-- column: SPEND <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: view with comment and copy grants
CREATE OR REPLACE VIEW mart.v_recent COPY GRANTS COMMENT = 'recent orders' AS SELECT id FROM raw.orders WHERE ordered_at > DATEADD(day, -7, CURRENT_DATE);
-- target: ANALYTICS.MART.V_RECENT
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID

-- case: insert with column list
INSERT INTO mart.dim_customer (customer_id, name, email) SELECT id, UPPER(name), LOWER(email) FROM raw.customers;
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL

-- case: insert without column list uses the catalog
INSERT INTO mart.dim_customer SELECT id, name, email FROM raw.customers;
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL

-- case: insert overwrite into
INSERT OVERWRITE INTO mart.dim_customer SELECT id, name, email FROM raw.customers WHERE created_at > '2024-01-01';
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL

-- case: insert values gives no edge
INSERT INTO mart.dim_customer (customer_id, name, email) VALUES (1, 'a', 'a@example.com'), (2, 'b', NULL);
-- none

-- case: CTE is not a table (regex weakness)
INSERT INTO mart.big_spenders (customer_id, spend)
WITH totals AS (SELECT customer_id, SUM(amount) AS spend FROM raw.orders GROUP BY customer_id)
SELECT customer_id, spend FROM totals WHERE spend > 1000;
-- target: ANALYTICS.MART.BIG_SPENDERS
-- source: ANALYTICS.RAW.ORDERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.ORDERS.CUSTOMER_ID
-- column: SPEND <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: WITH before CREATE TABLE AS body
CREATE TABLE mart.first_orders AS
WITH ranked AS (
  SELECT customer_id, amount, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY ordered_at) AS rn
  FROM raw.orders
)
SELECT customer_id, amount AS first_amount FROM ranked WHERE rn = 1;
-- target: ANALYTICS.MART.FIRST_ORDERS
-- source: ANALYTICS.RAW.ORDERS
-- column: CUSTOMER_ID <- ANALYTICS.RAW.ORDERS.CUSTOMER_ID
-- column: FIRST_AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: chained CTEs joined to a table
CREATE TABLE mart.enriched AS
WITH o AS (SELECT customer_id, amount FROM raw.orders),
     c AS (SELECT id, name FROM raw.customers)
SELECT c.name, o.amount FROM o JOIN c ON c.id = o.customer_id;
-- target: ANALYTICS.MART.ENRICHED
-- source: ANALYTICS.RAW.ORDERS
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: subquery in FROM
INSERT INTO mart.status_counts (status, n)
SELECT s.status, s.n FROM (SELECT status, COUNT(*) AS n FROM raw.orders GROUP BY status) s;
-- target: ANALYTICS.MART.STATUS_COUNTS
-- source: ANALYTICS.RAW.ORDERS
-- column: STATUS <- ANALYTICS.RAW.ORDERS.STATUS

-- case: subquery in WHERE is a source
CREATE TABLE mart.active_customers AS
SELECT id, name FROM raw.customers WHERE id IN (SELECT customer_id FROM raw.orders WHERE status = 'OPEN');
-- target: ANALYTICS.MART.ACTIVE_CUSTOMERS
-- source: ANALYTICS.RAW.CUSTOMERS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME

-- case: MERGE with update and insert (regex weakness)
MERGE INTO mart.dim_customer d
USING raw.customers s ON d.customer_id = s.id
WHEN MATCHED THEN UPDATE SET d.name = s.name, d.email = s.email
WHEN NOT MATCHED THEN INSERT (customer_id, name, email) VALUES (s.id, s.name, s.email);
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL
-- column: CUSTOMER_ID <- ANALYTICS.RAW.CUSTOMERS.ID

-- case: MERGE using a subquery with delete
MERGE INTO mart.order_facts t
USING (SELECT id, amount, status FROM raw.orders WHERE ordered_at >= '2024-01-01') src
ON t.order_id = src.id
WHEN MATCHED AND src.status = 'CANCELLED' THEN DELETE
WHEN MATCHED THEN UPDATE SET amount = src.amount
WHEN NOT MATCHED THEN INSERT (order_id, amount) VALUES (src.id, src.amount);
-- target: ANALYTICS.MART.ORDER_FACTS
-- source: ANALYTICS.RAW.ORDERS
-- column: AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT
-- column: ORDER_ID <- ANALYTICS.RAW.ORDERS.ID

-- case: UPDATE ... FROM
UPDATE mart.dim_customer SET email = c.email FROM raw.customers c WHERE c.id = mart.dim_customer.customer_id;
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL

-- case: UPDATE without a source gives no edge
UPDATE mart.dim_customer SET email = LOWER(email) WHERE email IS NOT NULL;
-- none

-- case: DELETE ... USING
DELETE FROM mart.dim_customer USING raw.deleted_customers dc WHERE dim_customer.customer_id = dc.id;
-- target: ANALYTICS.MART.DIM_CUSTOMER
-- source: ANALYTICS.RAW.DELETED_CUSTOMERS

-- case: COPY INTO from a named stage
COPY INTO raw.orders FROM @raw.order_stage/2024/ FILE_FORMAT = (TYPE = 'CSV' SKIP_HEADER = 1) ON_ERROR = 'CONTINUE';
-- target: ANALYTICS.RAW.ORDERS
-- source: ANALYTICS.RAW.ORDER_STAGE

-- case: COPY INTO with a transformation query
COPY INTO raw.events (id, payload) FROM (SELECT $1:id, $1 FROM @landing.json_stage) FILE_FORMAT = (TYPE = JSON);
-- target: ANALYTICS.RAW.EVENTS
-- source: ANALYTICS.LANDING.JSON_STAGE

-- case: COPY INTO a stage is an unload
COPY INTO @raw.exports/orders/ FROM raw.orders FILE_FORMAT = (TYPE = PARQUET);
-- none

-- case: CREATE TABLE CLONE with time travel
CREATE OR REPLACE TABLE backup.orders_clone CLONE prod.raw.orders AT (OFFSET => -3600);
-- target: ANALYTICS.BACKUP.ORDERS_CLONE
-- source: PROD.RAW.ORDERS

-- case: CREATE TABLE LIKE
CREATE TABLE raw.orders_empty LIKE raw.orders;
-- target: ANALYTICS.RAW.ORDERS_EMPTY
-- source: ANALYTICS.RAW.ORDERS

-- case: temporary table is marked
CREATE TEMPORARY TABLE tmp_orders AS SELECT id, amount FROM raw.orders WHERE status = 'OPEN';
-- target: ANALYTICS.PUBLIC.TMP_ORDERS temporary
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
-- column: AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: star expands through the catalog
CREATE TABLE mart.customers_copy AS SELECT * FROM raw.customers;
-- target: ANALYTICS.MART.CUSTOMERS_COPY
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: NAME <- ANALYTICS.RAW.CUSTOMERS.NAME
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL
-- column: CREATED_AT <- ANALYTICS.RAW.CUSTOMERS.CREATED_AT

-- case: star over an unknown table stays table-level
CREATE TABLE mart.unknown_copy AS SELECT * FROM raw.unknown_table;
-- target: ANALYTICS.MART.UNKNOWN_COPY
-- source: ANALYTICS.RAW.UNKNOWN_TABLE

-- case: qualified star with exclude
CREATE TABLE mart.orders_slim AS SELECT o.* EXCLUDE (status, ordered_at) FROM raw.orders o;
-- target: ANALYTICS.MART.ORDERS_SLIM
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
-- column: CUSTOMER_ID <- ANALYTICS.RAW.ORDERS.CUSTOMER_ID
-- column: AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: unqualified columns in a join resolved by the catalog
CREATE TABLE mart.order_emails AS SELECT amount, email FROM raw.orders JOIN raw.customers ON customer_id = raw.customers.id;
-- target: ANALYTICS.MART.ORDER_EMAILS
-- source: ANALYTICS.RAW.ORDERS
-- source: ANALYTICS.RAW.CUSTOMERS
-- column: AMOUNT <- ANALYTICS.RAW.ORDERS.AMOUNT
-- column: EMAIL <- ANALYTICS.RAW.CUSTOMERS.EMAIL

-- case: CASE, casts and functions
CREATE TABLE mart.order_bands AS
SELECT id,
       CASE WHEN amount > 100 THEN 'high' WHEN status = 'VIP' THEN 'vip' ELSE 'low' END AS band,
       amount::NUMBER(10,2) AS amount_num,
       COALESCE(TRY_CAST(status AS VARCHAR), 'n/a') AS status_text
FROM raw.orders;
-- target: ANALYTICS.MART.ORDER_BANDS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
-- column: BAND <- ANALYTICS.RAW.ORDERS.AMOUNT, ANALYTICS.RAW.ORDERS.STATUS
-- column: AMOUNT_NUM <- ANALYTICS.RAW.ORDERS.AMOUNT
-- column: STATUS_TEXT <- ANALYTICS.RAW.ORDERS.STATUS

-- case: UNION ALL merges sources per position
INSERT INTO mart.all_people (person_id, label)
SELECT id, name FROM raw.customers
UNION ALL
SELECT id, full_name FROM raw.employees;
-- target: ANALYTICS.MART.ALL_PEOPLE
-- source: ANALYTICS.RAW.CUSTOMERS
-- source: ANALYTICS.RAW.EMPLOYEES
-- column: PERSON_ID <- ANALYTICS.RAW.CUSTOMERS.ID, ANALYTICS.RAW.EMPLOYEES.ID
-- column: LABEL <- ANALYTICS.RAW.CUSTOMERS.NAME, ANALYTICS.RAW.EMPLOYEES.FULL_NAME

-- case: lateral flatten over a variant column
CREATE TABLE mart.event_items AS
SELECT e.event_id, f.value:sku::STRING AS sku
FROM raw.events e, LATERAL FLATTEN(input => e.items) f;
-- target: ANALYTICS.MART.EVENT_ITEMS
-- source: ANALYTICS.RAW.EVENTS
-- column: EVENT_ID <- ANALYTICS.RAW.EVENTS.EVENT_ID
-- column: SKU <- ANALYTICS.RAW.EVENTS.ITEMS

-- case: string literals and comments are not tables (regex weakness)
CREATE TABLE mart.notes AS
SELECT id, 'copied from other_db.some.table' AS note /* FROM fake.schema.table */
FROM raw.orders -- JOIN commented.out_table
WHERE status <> 'from x.y';
-- target: ANALYTICS.MART.NOTES
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID

-- case: plain SELECT yields nothing
SELECT c.id, COUNT(*) FROM raw.customers c JOIN raw.orders o ON o.customer_id = c.id GROUP BY c.id;
-- none

-- case: scalar subquery in the select list
CREATE TABLE mart.customer_last_order AS
SELECT c.id, (SELECT MAX(o.ordered_at) FROM raw.orders o WHERE o.customer_id = c.id) AS last_order_at
FROM raw.customers c;
-- target: ANALYTICS.MART.CUSTOMER_LAST_ORDER
-- source: ANALYTICS.RAW.CUSTOMERS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.CUSTOMERS.ID
-- column: LAST_ORDER_AT <- ANALYTICS.RAW.ORDERS.ORDERED_AT

-- case: QUALIFY with window function
CREATE TABLE mart.latest_status AS
SELECT id, status FROM raw.orders QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY ordered_at DESC) = 1;
-- target: ANALYTICS.MART.LATEST_STATUS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
-- column: STATUS <- ANALYTICS.RAW.ORDERS.STATUS

-- case: names with dollar signs
CREATE TABLE mart.t$daily AS SELECT col$1 FROM raw.src$data;
-- target: ANALYTICS.MART.T$DAILY
-- source: ANALYTICS.RAW.SRC$DATA
-- column: COL$1 <- ANALYTICS.RAW.SRC$DATA.COL$1

-- case: set session statement
ALTER SESSION SET QUERY_TAG = 'nightly';
-- none

-- case: IFF and lateral column alias
CREATE TABLE mart.amount_flags AS
SELECT amount * 1.2 AS gross, IFF(gross > 100, 1, 0) AS is_big FROM raw.orders;
-- target: ANALYTICS.MART.AMOUNT_FLAGS
-- source: ANALYTICS.RAW.ORDERS
-- column: GROSS <- ANALYTICS.RAW.ORDERS.AMOUNT
-- column: IS_BIG <- ANALYTICS.RAW.ORDERS.AMOUNT

-- case: multi-table insert
INSERT ALL INTO mart.small_orders (id) VALUES (id) INTO mart.all_orders (id) VALUES (id) SELECT id FROM raw.orders;
-- target: ANALYTICS.MART.SMALL_ORDERS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
-- target: ANALYTICS.MART.ALL_ORDERS
-- source: ANALYTICS.RAW.ORDERS
-- column: ID <- ANALYTICS.RAW.ORDERS.ID
