-- PostgreSQL: statements in the shapes real query history and view definitions hold (dbt-postgres,
-- pg_get_viewdef output, ELT loaders, psql scripts). Unquoted names fold to lower case.
-- @defaults shop public
-- @catalog shop.raw.orders: id, customer_id, amount, ordered_at
-- @catalog shop.raw.customers: id, name, email
-- @catalog shop.mart.order_facts: order_id, customer_name, amount

-- case: view body as pg_get_viewdef returns it (qualified, cast, parenthesised)
create view mart.v_big_orders as
 SELECT o.id,
    o.amount::numeric(12,2) AS amount,
    c.name
   FROM (raw.orders o
     JOIN raw.customers c ON ((c.id = o.customer_id)))
  WHERE (o.amount > (100)::numeric);
-- target: shop.mart.v_big_orders
-- source: shop.raw.orders
-- source: shop.raw.customers
-- column: id <- shop.raw.orders.id
-- column: amount <- shop.raw.orders.amount
-- column: name <- shop.raw.customers.name

-- case: dbt-postgres table: create as tmp, rename, drop backup (script)
-- script
create table "shop"."mart"."customer_totals__dbt_tmp" as (
  select customer_id, sum(amount) as total from "shop"."raw"."orders" group by customer_id
);
alter table "shop"."mart"."customer_totals" rename to "customer_totals__dbt_backup";
alter table "shop"."mart"."customer_totals__dbt_tmp" rename to "customer_totals";
drop table if exists "shop"."mart"."customer_totals__dbt_backup" cascade;
-- target: shop.mart.customer_totals
-- source: shop.raw.orders
-- column: customer_id <- shop.raw.orders.customer_id
-- column: total <- shop.raw.orders.amount

-- case: dbt-postgres incremental: temp table then insert (script)
-- script
create temporary table "order_facts__dbt_tmp" as (
  select o.id as order_id, c.name as customer_name, o.amount from raw.orders o join raw.customers c on c.id = o.customer_id
  where o.ordered_at > now() - interval '1 day'
);
insert into "shop"."mart"."order_facts" ("order_id", "customer_name", "amount")
(select "order_id", "customer_name", "amount" from "order_facts__dbt_tmp");
-- target: shop.mart.order_facts
-- source: shop.raw.orders
-- source: shop.raw.customers
-- column: order_id <- shop.raw.orders.id
-- column: customer_name <- shop.raw.customers.name
-- column: amount <- shop.raw.orders.amount

-- case: ELT upsert with ON CONFLICT
insert into mart.customer_emails (customer_id, email)
select id, lower(email) from raw.customers
on conflict (customer_id) do update set email = excluded.email;
-- target: shop.mart.customer_emails
-- source: shop.raw.customers
-- column: customer_id <- shop.raw.customers.id
-- column: email <- shop.raw.customers.email

-- case: INSERT without a column list maps by position through the catalog
insert into mart.order_facts select o.id, c.name, o.amount from raw.orders o join raw.customers c on c.id = o.customer_id;
-- target: shop.mart.order_facts
-- source: shop.raw.orders
-- source: shop.raw.customers
-- column: order_id <- shop.raw.orders.id
-- column: customer_name <- shop.raw.customers.name
-- column: amount <- shop.raw.orders.amount

-- case: CTAS WITH NO DATA copies the definition, with the query's columns
create table mart.orders_shape as select id, amount from raw.orders with no data;
-- target: shop.mart.orders_shape
-- source: shop.raw.orders
-- column: id <- shop.raw.orders.id
-- column: amount <- shop.raw.orders.amount

-- case: materialized view with a window function
create materialized view mart.mv_running as
select customer_id, ordered_at, sum(amount) over (partition by customer_id order by ordered_at) as running_total from raw.orders;
-- target: shop.mart.mv_running
-- source: shop.raw.orders
-- column: customer_id <- shop.raw.orders.customer_id
-- column: ordered_at <- shop.raw.orders.ordered_at
-- column: running_total <- shop.raw.orders.amount, shop.raw.orders.customer_id, shop.raw.orders.ordered_at

-- case: BI SELECT with quoted mixed-case aliases, wrapped as a view
create view mart."Revenue by Customer" as select c.name as "Customer", sum(o.amount) as "Revenue" from raw.orders o join raw.customers c on c.id = o.customer_id group by c.name;
-- target: shop.mart.Revenue by Customer
-- source: shop.raw.orders
-- source: shop.raw.customers
-- column: Customer <- shop.raw.customers.name
-- column: Revenue <- shop.raw.orders.amount

-- case: a psql script: scratch table created and dropped collapses
-- script
create table scratch.recent_orders as select id, customer_id, amount from raw.orders where ordered_at > now() - interval '7 days';
create table mart.weekly_customers as select customer_id, sum(amount) as spent from scratch.recent_orders group by customer_id;
drop table scratch.recent_orders;
-- target: shop.mart.weekly_customers
-- source: shop.raw.orders
-- column: customer_id <- shop.raw.orders.customer_id
-- column: spent <- shop.raw.orders.amount

-- case: rename of a view re-targets its lineage
-- script
create view mart.v_emails_new as select id, email from raw.customers;
alter view mart.v_emails_new rename to v_emails;
-- target: shop.mart.v_emails
-- source: shop.raw.customers
-- column: id <- shop.raw.customers.id
-- column: email <- shop.raw.customers.email

-- case: UPDATE ... FROM keeps the target's old value as a source column
update mart.order_facts f set amount = f.amount - r.refund from raw.refunds r where r.order_id = f.order_id;
-- target: shop.mart.order_facts
-- source: shop.raw.refunds
-- column: amount <- shop.mart.order_facts.amount, shop.raw.refunds.refund

-- case: JSON path operators map to the top-level column
create table mart.event_users as select payload->>'user_id' as user_id, payload #>> '{device,os}' as os from raw.events;
-- target: shop.mart.event_users
-- source: shop.raw.events
-- column: user_id <- shop.raw.events.payload
-- column: os <- shop.raw.events.payload

-- case: unqualified name completed by the catalog, no default schema
-- defaults: shop -
create table mart.customer_names as select id, name from customers;
-- target: shop.mart.customer_names
-- source: shop.raw.customers
-- column: id <- shop.raw.customers.id
-- column: name <- shop.raw.customers.name

-- case: JSON_TABLE, which the parser refuses: tables recovered
insert into mart.order_lines select o.id, jt.sku from raw.orders o, json_table(o.payload, '$.lines[*]' columns (sku text path '$.sku')) jt;
-- recovered
-- target: shop.mart.order_lines
-- source: shop.raw.orders

-- case: INSERT OVERRIDING SYSTEM VALUE into an identity column
insert into mart.order_facts (order_id, amount) overriding system value select id, amount from raw.orders;
-- target: shop.mart.order_facts
-- source: shop.raw.orders
-- column: order_id <- shop.raw.orders.id
-- column: amount <- shop.raw.orders.amount

-- case: archive insert with a date filter
insert into mart.archived_orders (id, amount) select id, amount from raw.orders where ordered_at < '2020-01-01';
-- target: shop.mart.archived_orders
-- source: shop.raw.orders
-- column: id <- shop.raw.orders.id
-- column: amount <- shop.raw.orders.amount

-- case: DISTINCT ON in a view body
create view mart.v_latest_order as select distinct on (customer_id) customer_id, id, ordered_at from raw.orders order by customer_id, ordered_at desc;
-- target: shop.mart.v_latest_order
-- source: shop.raw.orders
-- column: customer_id <- shop.raw.orders.customer_id
-- column: id <- shop.raw.orders.id
-- column: ordered_at <- shop.raw.orders.ordered_at
