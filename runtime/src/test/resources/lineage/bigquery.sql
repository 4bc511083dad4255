-- BigQuery lineage corpus. Dataset and table names are case-sensitive and kept as written;
-- default_database is the project, default_schema the dataset.
-- @defaults my-project analytics
-- @catalog my-project.raw.customers: id, name, email, created_at
-- @catalog my-project.raw.orders: id, customer_id, amount, status, ordered_at

-- case: backticked three-part path as one string
CREATE OR REPLACE TABLE `my-project.mart.order_totals` AS
SELECT customer_id, SUM(amount) AS total FROM `my-project.raw.orders` GROUP BY customer_id;
-- target: my-project.mart.order_totals
-- source: my-project.raw.orders
-- column: customer_id <- my-project.raw.orders.customer_id
-- column: total <- my-project.raw.orders.amount

-- case: backticked parts separately
INSERT INTO `other-proj`.`sales`.`Daily` (day, revenue) SELECT DATE(ordered_at), SUM(amount) FROM `my-project`.raw.orders GROUP BY 1;
-- target: other-proj.sales.Daily
-- source: my-project.raw.orders
-- column: day <- my-project.raw.orders.ordered_at
-- column: revenue <- my-project.raw.orders.amount

-- case: two-part dataset.table uses the default project (regex weakness)
CREATE TABLE mart.customers_clean AS SELECT id, LOWER(email) AS email FROM raw.customers;
-- target: my-project.mart.customers_clean
-- source: my-project.raw.customers
-- column: id <- my-project.raw.customers.id
-- column: email <- my-project.raw.customers.email

-- case: one-part names use the default dataset
INSERT INTO summary (n) SELECT COUNT(DISTINCT user_id) FROM visits;
-- target: my-project.analytics.summary
-- source: my-project.analytics.visits
-- column: n <- my-project.analytics.visits.user_id

-- case: table names keep their case
CREATE TABLE Mart.CustomerDim AS SELECT Id, Name FROM Raw.Customers;
-- target: my-project.Mart.CustomerDim
-- source: my-project.Raw.Customers
-- column: Id <- my-project.Raw.Customers.Id
-- column: Name <- my-project.Raw.Customers.Name

-- case: unquoted project id with dashes
CREATE TABLE mart.copy_orders AS SELECT id FROM my-project.raw.orders;
-- target: my-project.mart.copy_orders
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.id

-- case: double-quoted strings are literals, not columns
CREATE TABLE mart.flagged AS SELECT id, IF(status = "OPEN", amount, 0) AS open_amount FROM raw.orders WHERE status != "x.y.z";
-- target: my-project.mart.flagged
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.id
-- column: open_amount <- my-project.raw.orders.status, my-project.raw.orders.amount

-- case: struct field access is not a table (regex weakness)
CREATE TABLE mart.addresses AS SELECT c.id, c.address.city AS city FROM raw.contacts c;
-- target: my-project.mart.addresses
-- source: my-project.raw.contacts
-- column: id <- my-project.raw.contacts.id
-- column: city <- my-project.raw.contacts.address

-- case: UNNEST of an array column
CREATE TABLE mart.order_items AS SELECT o.id, item FROM raw.orders_nested o, UNNEST(o.items) AS item;
-- target: my-project.mart.order_items
-- source: my-project.raw.orders_nested
-- column: id <- my-project.raw.orders_nested.id
-- column: item <- my-project.raw.orders_nested.items

-- case: MERGE without INTO
MERGE mart.customers_clean T
USING raw.customers S ON T.id = S.id
WHEN MATCHED THEN UPDATE SET email = S.email
WHEN NOT MATCHED THEN INSERT (id, email) VALUES (S.id, S.email);
-- target: my-project.mart.customers_clean
-- source: my-project.raw.customers
-- column: email <- my-project.raw.customers.email
-- column: id <- my-project.raw.customers.id

-- case: MERGE with NOT MATCHED BY SOURCE
MERGE INTO mart.inventory t
USING (SELECT sku, qty FROM raw.stock_updates) s ON t.sku = s.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty
WHEN NOT MATCHED BY TARGET THEN INSERT (sku, qty) VALUES (s.sku, s.qty)
WHEN NOT MATCHED BY SOURCE THEN DELETE;
-- target: my-project.mart.inventory
-- source: my-project.raw.stock_updates
-- column: qty <- my-project.raw.stock_updates.qty
-- column: sku <- my-project.raw.stock_updates.sku

-- case: CTAS with PARTITION BY and OPTIONS
CREATE OR REPLACE TABLE mart.events_by_day
PARTITION BY DATE(event_ts)
CLUSTER BY user_id
OPTIONS (description = "daily events")
AS SELECT user_id, event_ts, event_name FROM raw.events;
-- target: my-project.mart.events_by_day
-- source: my-project.raw.events
-- column: user_id <- my-project.raw.events.user_id
-- column: event_ts <- my-project.raw.events.event_ts
-- column: event_name <- my-project.raw.events.event_name

-- case: view with OPTIONS
CREATE OR REPLACE VIEW `my-project.mart.v_orders` OPTIONS (description = "orders") AS SELECT id, amount FROM `my-project.raw.orders`;
-- target: my-project.mart.v_orders
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.id
-- column: amount <- my-project.raw.orders.amount

-- case: materialized view
CREATE MATERIALIZED VIEW mart.mv_totals AS SELECT customer_id, SUM(amount) AS total FROM raw.orders GROUP BY customer_id;
-- target: my-project.mart.mv_totals
-- source: my-project.raw.orders
-- column: customer_id <- my-project.raw.orders.customer_id
-- column: total <- my-project.raw.orders.amount

-- case: star except with the catalog
CREATE TABLE mart.customers_no_email AS SELECT * EXCEPT (email) FROM raw.customers;
-- target: my-project.mart.customers_no_email
-- source: my-project.raw.customers
-- column: id <- my-project.raw.customers.id
-- column: name <- my-project.raw.customers.name
-- column: created_at <- my-project.raw.customers.created_at

-- case: star replace
CREATE TABLE mart.orders_rounded AS SELECT * REPLACE (ROUND(amount) AS amount) FROM raw.orders;
-- target: my-project.mart.orders_rounded
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.id
-- column: customer_id <- my-project.raw.orders.customer_id
-- column: amount <- my-project.raw.orders.amount
-- column: status <- my-project.raw.orders.status
-- column: ordered_at <- my-project.raw.orders.ordered_at

-- case: CTE with join and window
CREATE TABLE mart.ranked_customers AS
WITH spend AS (
  SELECT customer_id, SUM(amount) AS total FROM raw.orders GROUP BY customer_id
)
SELECT c.name, s.total, RANK() OVER (ORDER BY s.total DESC) AS spend_rank
FROM spend s JOIN raw.customers c ON c.id = s.customer_id;
-- target: my-project.mart.ranked_customers
-- source: my-project.raw.orders
-- source: my-project.raw.customers
-- column: name <- my-project.raw.customers.name
-- column: total <- my-project.raw.orders.amount
-- column: spend_rank <- my-project.raw.orders.amount

-- case: wildcard table (the shards' base name is the table)
CREATE TABLE mart.all_shards AS SELECT id FROM `my-project.raw.events_*` WHERE _TABLE_SUFFIX BETWEEN '20240101' AND '20240131';
-- target: my-project.mart.all_shards
-- source: my-project.raw.events
-- column: id <- my-project.raw.events.id

-- case: UNION DISTINCT
INSERT INTO mart.contacts (email) SELECT email FROM raw.customers UNION DISTINCT SELECT email FROM raw.leads;
-- target: my-project.mart.contacts
-- source: my-project.raw.customers
-- source: my-project.raw.leads
-- column: email <- my-project.raw.customers.email, my-project.raw.leads.email

-- case: INSERT VALUES gives no edge
INSERT INTO mart.contacts (email) VALUES ("a@example.com"), ("b@example.com");
-- none

-- case: DELETE with subquery
DELETE FROM mart.contacts WHERE email IN (SELECT email FROM raw.unsubscribed);
-- target: my-project.mart.contacts
-- source: my-project.raw.unsubscribed

-- case: UPDATE with FROM
UPDATE mart.orders_rounded o SET status = s.status FROM raw.status_changes s WHERE o.id = s.order_id;
-- target: my-project.mart.orders_rounded
-- source: my-project.raw.status_changes
-- column: status <- my-project.raw.status_changes.status

-- case: CREATE TABLE LIKE
CREATE TABLE mart.orders_template LIKE raw.orders;
-- target: my-project.mart.orders_template
-- source: my-project.raw.orders

-- case: CREATE TABLE CLONE
CREATE TABLE mart.orders_snapshot CLONE raw.orders;
-- target: my-project.mart.orders_snapshot
-- source: my-project.raw.orders

-- case: CREATE TABLE COPY
CREATE TABLE mart.orders_copy COPY raw.orders;
-- target: my-project.mart.orders_copy
-- source: my-project.raw.orders

-- case: temp table in a script
CREATE TEMP TABLE staged AS SELECT id, amount FROM raw.orders WHERE amount > 0;
-- target: my-project.analytics.staged temporary
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.id
-- column: amount <- my-project.raw.orders.amount

-- case: SAFE_CAST, struct constructor and ARRAY_AGG
CREATE TABLE mart.customer_orders AS
SELECT c.id, ARRAY_AGG(STRUCT(o.id AS order_id, SAFE_CAST(o.amount AS NUMERIC) AS amount)) AS orders
FROM raw.customers c LEFT JOIN raw.orders o ON o.customer_id = c.id
GROUP BY c.id;
-- target: my-project.mart.customer_orders
-- source: my-project.raw.customers
-- source: my-project.raw.orders
-- column: id <- my-project.raw.customers.id
-- column: orders <- my-project.raw.orders.id, my-project.raw.orders.amount

-- case: EXISTS subquery
CREATE TABLE mart.buyers AS SELECT c.id FROM raw.customers c WHERE EXISTS (SELECT 1 FROM raw.orders o WHERE o.customer_id = c.id);
-- target: my-project.mart.buyers
-- source: my-project.raw.customers
-- source: my-project.raw.orders
-- column: id <- my-project.raw.customers.id

-- case: DECLARE is not lineage
DECLARE cutoff DATE DEFAULT CURRENT_DATE();
-- none

-- case: read-only query with three-part names
SELECT a.id FROM `my-project.raw.orders` a JOIN `my-project.raw.customers` b ON a.customer_id = b.id;
-- none

-- case: column alias reused as a source name
CREATE TABLE mart.renamed AS SELECT amount AS id, id AS amount FROM raw.orders;
-- target: my-project.mart.renamed
-- source: my-project.raw.orders
-- column: id <- my-project.raw.orders.amount
-- column: amount <- my-project.raw.orders.id
