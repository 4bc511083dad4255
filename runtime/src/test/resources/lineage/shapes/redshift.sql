-- Redshift: statements in the shapes real query history holds (dbt-redshift, ELT loaders with
-- staging tables, stored-procedure scripts, BI tools). Names fold to lower case.
-- @defaults dev public
-- @catalog dev.staging.orders: order_id, customer_id, total, created_at
-- @catalog dev.mart.orders_by_day: day, orders, revenue

-- case: dbt-redshift table: CTAS into a __dbt_tmp, then renames (script)
-- script
create table "dev"."mart"."customers__dbt_tmp" as (
  select customer_id, count(order_id) as orders, sum(total) as revenue from "dev"."staging"."orders" group by customer_id
);
alter table "dev"."mart"."customers" rename to "customers__dbt_backup";
alter table "dev"."mart"."customers__dbt_tmp" rename to "customers";
drop table if exists "dev"."mart"."customers__dbt_backup" cascade;
-- target: dev.mart.customers
-- source: dev.staging.orders
-- column: customer_id <- dev.staging.orders.customer_id
-- column: orders <- dev.staging.orders.order_id
-- column: revenue <- dev.staging.orders.total

-- case: dbt-redshift incremental delete+insert with a temp table
-- script
create temporary table "orders_by_day__dbt_tmp" as (
  select trunc(created_at) as day, count(*) as orders, sum(total) as revenue from "dev"."staging"."orders" where created_at > getdate() - 1 group by 1
);
delete from "dev"."mart"."orders_by_day" where (day) in (select (day) from "orders_by_day__dbt_tmp");
insert into "dev"."mart"."orders_by_day" ("day", "orders", "revenue") (select "day", "orders", "revenue" from "orders_by_day__dbt_tmp");
-- target: dev.mart.orders_by_day
-- source: dev.staging.orders
-- column: day <- dev.staging.orders.created_at
-- column: revenue <- dev.staging.orders.total

-- case: ELT staging: #temp table, update-then-insert
-- script
create table #stage_customers (like dev.public.customers);
insert into #stage_customers select * from dev.landing.customers_batch;
update dev.public.customers set email = s.email from #stage_customers s where customers.id = s.id;
insert into dev.public.customers select s.* from #stage_customers s left join dev.public.customers c on c.id = s.id where c.id is null;
-- known-gap: a temporary table made LIKE one table and filled by SELECT * from another has two sources and no column list, so its columns are not passed through by name
-- target: dev.public.customers
-- source: dev.landing.customers_batch
-- column: email <- dev.landing.customers_batch.email

-- case: ALTER TABLE APPEND moves rows from a staging table
alter table mart.orders_by_day append from staging.orders_by_day_new;
-- target: dev.mart.orders_by_day
-- source: dev.staging.orders_by_day_new

-- case: APPEND with FILLTARGET
alter table staging.orders append from staging.orders_late filltarget;
-- target: dev.staging.orders
-- source: dev.staging.orders_late

-- case: SELECT INTO a temp table then insert (script)
-- script
select customer_id, max(created_at) as last_order into temp table last_orders from staging.orders group by customer_id;
insert into mart.churn_candidates (customer_id, last_order) select customer_id, last_order from last_orders where last_order < getdate() - 90;
-- target: dev.mart.churn_candidates
-- source: dev.staging.orders
-- column: customer_id <- dev.staging.orders.customer_id
-- column: last_order <- dev.staging.orders.created_at

-- case: INSERT without a column list maps by position through the catalog
insert into mart.orders_by_day select trunc(created_at), count(order_id), sum(total) from staging.orders group by 1;
-- target: dev.mart.orders_by_day
-- source: dev.staging.orders
-- column: day <- dev.staging.orders.created_at
-- column: orders <- dev.staging.orders.order_id
-- column: revenue <- dev.staging.orders.total

-- case: BI SELECT with mixed-case quoted aliases, wrapped as a view (folded to lower case)
create view mart.v_revenue as select trunc(created_at) as "Order Day", sum(total) as "Revenue" from staging.orders group by 1;
-- target: dev.mart.v_revenue
-- source: dev.staging.orders
-- column: order day <- dev.staging.orders.created_at
-- column: revenue <- dev.staging.orders.total

-- case: late-binding view over an external (Spectrum) schema
create or replace view mart.v_clicks as select user_id, url from spectrum.clicks with no schema binding;
-- target: dev.mart.v_clicks
-- source: dev.spectrum.clicks
-- column: user_id <- dev.spectrum.clicks.user_id
-- column: url <- dev.spectrum.clicks.url

-- case: self-reference: UPDATE from the table's own values only has no source
update staging.orders set total = total * 1.19 where created_at > '2024-01-01';
-- none

-- case: Teradata-migrated CTAS WITH DATA
create table mart.orders_2023 as (select order_id, total from staging.orders where created_at < '2024-01-01') with data;
-- target: dev.mart.orders_2023
-- source: dev.staging.orders
-- column: order_id <- dev.staging.orders.order_id
-- column: total <- dev.staging.orders.total

-- case: trailing comma refused by Redshift but still read
create table mart.customer_totals as select customer_id, sum(total) as total, from staging.orders group by 1;
-- target: dev.mart.customer_totals
-- source: dev.staging.orders
-- column: customer_id <- dev.staging.orders.customer_id
-- column: total <- dev.staging.orders.total

-- case: drop of a table never written here changes nothing
drop table mart.unused_report;
-- none

-- case: dbt-redshift view with late binding
create view "dev"."mart"."v_orders_recent" as (
  select order_id, customer_id, total from "dev"."staging"."orders" where created_at > dateadd(day, -30, getdate())
) with no schema binding;
-- target: dev.mart.v_orders_recent
-- source: dev.staging.orders
-- column: order_id <- dev.staging.orders.order_id
-- column: customer_id <- dev.staging.orders.customer_id
-- column: total <- dev.staging.orders.total

-- case: BI SELECT with LISTAGG wrapped as a view
create view mart.v_customer_orders as select customer_id, listagg(order_id, ',') within group (order by created_at) as order_ids from staging.orders group by customer_id;
-- target: dev.mart.v_customer_orders
-- source: dev.staging.orders
-- column: customer_id <- dev.staging.orders.customer_id
-- column: order_ids <- dev.staging.orders.order_id, dev.staging.orders.created_at
