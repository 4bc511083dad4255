-- Trino lineage corpus. Names are case-insensitive and reported in lower case, double-quoted or
-- not; three-part names are catalog.schema.table; there is no implicit schema.
-- @defaults lake sales
-- @catalog lake.sales.orders: id, customer_id, amount, status
-- @catalog lake.sales.customers: id, name, country

-- case: CTAS with a three-part name
CREATE TABLE lake.analytics.country_totals AS
SELECT c.country, SUM(o.amount) AS total FROM orders o JOIN customers c ON o.customer_id = c.id GROUP BY c.country;
-- target: lake.analytics.country_totals
-- source: lake.sales.orders
-- source: lake.sales.customers
-- column: country <- lake.sales.customers.country
-- column: total <- lake.sales.orders.amount

-- case: quoted names fold to lower case
INSERT INTO "Analytics"."Open_Orders" SELECT "ID", amount FROM "SALES"."ORDERS" WHERE status = 'open';
-- target: lake.analytics.open_orders
-- source: lake.sales.orders

-- case: INSERT with a column list across catalogs
INSERT INTO hive.staging.order_copy (id, amount) SELECT id, amount FROM orders;
-- target: hive.staging.order_copy
-- source: lake.sales.orders
-- column: id <- lake.sales.orders.id
-- column: amount <- lake.sales.orders.amount

-- case: a SELECT yields nothing
SELECT status, COUNT(*) FROM orders GROUP BY status;
-- none
