-- Snowflake: statements in the shapes real query history holds (dbt, BI tools, ELT loaders,
-- scripts). Written by hand from the SQL semantics.
-- @defaults ANALYTICS DBT_PROD
-- @catalog ANALYTICS.STAGING.STG_CUSTOMERS: CUSTOMER_ID, FIRST_NAME, LAST_NAME, EMAIL
-- @catalog ANALYTICS.STAGING.STG_ORDERS: ORDER_ID, CUSTOMER_ID, ORDER_DATE, STATUS
-- @catalog ANALYTICS.STAGING.STG_PAYMENTS: PAYMENT_ID, ORDER_ID, PAYMENT_METHOD, AMOUNT
-- @catalog ANALYTICS.DBT_PROD.DIM_DATES: DATE_DAY, FISCAL_QUARTER

-- case: dbt table materialisation, CTEs in parentheses
create or replace transient table analytics.dbt_prod.customers as (
  with customers as (select * from analytics.staging.stg_customers),
  orders as (select * from analytics.staging.stg_orders),
  customer_orders as (
    select customer_id, min(order_date) as first_order, max(order_date) as most_recent_order,
      count(order_id) as number_of_orders
    from orders group by customer_id
  )
  select customers.customer_id, customers.first_name, customers.last_name,
    customer_orders.first_order, customer_orders.number_of_orders
  from customers left join customer_orders on customers.customer_id = customer_orders.customer_id
);
-- target: ANALYTICS.DBT_PROD.CUSTOMERS
-- source: ANALYTICS.STAGING.STG_CUSTOMERS
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: CUSTOMER_ID <- ANALYTICS.STAGING.STG_CUSTOMERS.CUSTOMER_ID
-- column: FIRST_NAME <- ANALYTICS.STAGING.STG_CUSTOMERS.FIRST_NAME
-- column: LAST_NAME <- ANALYTICS.STAGING.STG_CUSTOMERS.LAST_NAME
-- column: FIRST_ORDER <- ANALYTICS.STAGING.STG_ORDERS.ORDER_DATE
-- column: NUMBER_OF_ORDERS <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID

-- case: dbt view materialisation with a quoted relation
create or replace view "ANALYTICS"."DBT_PROD"."STG_ORDERS_V" as (
  select order_id, customer_id, order_date, status from analytics.staging.stg_orders where status != 'test'
);
-- target: ANALYTICS.DBT_PROD.STG_ORDERS_V
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: ORDER_ID <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID
-- column: CUSTOMER_ID <- ANALYTICS.STAGING.STG_ORDERS.CUSTOMER_ID
-- column: ORDER_DATE <- ANALYTICS.STAGING.STG_ORDERS.ORDER_DATE
-- column: STATUS <- ANALYTICS.STAGING.STG_ORDERS.STATUS

-- case: dbt incremental, temporary view of the new rows
create or replace temporary view analytics.dbt_prod.fct_payments__dbt_tmp as (
  select payment_id, order_id, amount / 100 as amount_usd from analytics.staging.stg_payments
  where payment_id > (select max(payment_id) from analytics.dbt_prod.fct_payments)
);
-- target: ANALYTICS.DBT_PROD.FCT_PAYMENTS__DBT_TMP temporary
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- source: ANALYTICS.DBT_PROD.FCT_PAYMENTS
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID
-- column: ORDER_ID <- ANALYTICS.STAGING.STG_PAYMENTS.ORDER_ID
-- column: AMOUNT_USD <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: dbt incremental merge using a subquery over the temporary relation
merge into analytics.dbt_prod.fct_payments as DBT_INTERNAL_DEST
using (select * from analytics.staging.stg_payments) as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.payment_id = DBT_INTERNAL_DEST.payment_id)
when matched then update set "AMOUNT" = DBT_INTERNAL_SOURCE."AMOUNT"
when not matched then insert ("PAYMENT_ID", "AMOUNT") values ("PAYMENT_ID", "AMOUNT");
-- target: ANALYTICS.DBT_PROD.FCT_PAYMENTS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: AMOUNT <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID

-- case: dbt incremental as a script: the temporary view collapses into the merge
-- script
create or replace temporary view analytics.dbt_prod.orders_enriched__dbt_tmp as (
  select o.order_id, o.status, p.amount from analytics.staging.stg_orders o
  join analytics.staging.stg_payments p on p.order_id = o.order_id
);
merge into analytics.dbt_prod.orders_enriched as t
using analytics.dbt_prod.orders_enriched__dbt_tmp as s on t.order_id = s.order_id
when matched then update set status = s.status, amount = s.amount
when not matched then insert (order_id, status, amount) values (s.order_id, s.status, s.amount);
-- target: ANALYTICS.DBT_PROD.ORDERS_ENRICHED
-- source: ANALYTICS.STAGING.STG_ORDERS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: ORDER_ID <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID
-- column: STATUS <- ANALYTICS.STAGING.STG_ORDERS.STATUS
-- column: AMOUNT <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: dbt snapshot merge with hash and validity columns
merge into analytics.snapshots.orders_snapshot as DBT_INTERNAL_DEST
using (
  select order_id, status, md5(coalesce(cast(order_id as varchar), '') || '|' || status) as dbt_scd_id,
    order_date as dbt_valid_from, null as dbt_valid_to
  from analytics.staging.stg_orders
) as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_DEST.dbt_scd_id
when matched and DBT_INTERNAL_DEST.dbt_valid_to is null then update set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_from
when not matched then insert (order_id, status, dbt_scd_id, dbt_valid_from, dbt_valid_to)
  values (DBT_INTERNAL_SOURCE.order_id, DBT_INTERNAL_SOURCE.status, DBT_INTERNAL_SOURCE.dbt_scd_id,
    DBT_INTERNAL_SOURCE.dbt_valid_from, DBT_INTERNAL_SOURCE.dbt_valid_to);
-- target: ANALYTICS.SNAPSHOTS.ORDERS_SNAPSHOT
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: DBT_VALID_TO <- ANALYTICS.STAGING.STG_ORDERS.ORDER_DATE
-- column: ORDER_ID <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID
-- column: STATUS <- ANALYTICS.STAGING.STG_ORDERS.STATUS
-- column: DBT_SCD_ID <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID, ANALYTICS.STAGING.STG_ORDERS.STATUS
-- column: DBT_VALID_FROM <- ANALYTICS.STAGING.STG_ORDERS.ORDER_DATE

-- case: BI tool SELECT wrapped as a view, quoted aliases and a trailing comma
create or replace view analytics.bi.revenue_by_method as
select "p"."PAYMENT_METHOD" as "Payment Method", sum("p"."AMOUNT") as "Revenue", from analytics.staging.stg_payments "p"
group by 1 order by 2 desc;
-- target: ANALYTICS.BI.REVENUE_BY_METHOD
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: Payment Method <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_METHOD
-- column: Revenue <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: BI SELECT with a bind-variable alias, wrapped as a view
create view analytics.bi.orders_by_status as
select status as :status_label, count(*) as order_count from analytics.staging.stg_orders group by status;
-- target: ANALYTICS.BI.ORDERS_BY_STATUS
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: STATUS_LABEL <- ANALYTICS.STAGING.STG_ORDERS.STATUS

-- case: semantic view in FROM
create or replace view analytics.bi.region_revenue as
select * from semantic_view(analytics.semantic.sales_model dimensions customer.region metrics orders.revenue);
-- target: ANALYTICS.BI.REGION_REVENUE
-- source: ANALYTICS.SEMANTIC.SALES_MODEL

-- case: semantic view with an alias and named columns
create or replace view analytics.bi.region_totals (region, revenue) as
select sv.region, sv.revenue from semantic_view(semantic.sales_model dimensions customer.region metrics orders.revenue) as sv;
-- target: ANALYTICS.BI.REGION_TOTALS
-- source: ANALYTICS.SEMANTIC.SALES_MODEL
-- column: REGION <- ANALYTICS.SEMANTIC.SALES_MODEL.REGION
-- column: REVENUE <- ANALYTICS.SEMANTIC.SALES_MODEL.REVENUE

-- case: object literal
create table analytics.mart.customer_objects as
select customer_id, {'first': first_name, 'last': last_name} as name_obj from analytics.staging.stg_customers;
-- target: ANALYTICS.MART.CUSTOMER_OBJECTS
-- source: ANALYTICS.STAGING.STG_CUSTOMERS
-- column: CUSTOMER_ID <- ANALYTICS.STAGING.STG_CUSTOMERS.CUSTOMER_ID
-- column: NAME_OBJ <- ANALYTICS.STAGING.STG_CUSTOMERS.FIRST_NAME, ANALYTICS.STAGING.STG_CUSTOMERS.LAST_NAME

-- case: INSERT FIRST with conditions and an ELSE branch
insert first
  when amount >= 1000 then into analytics.mart.large_payments (payment_id, amount) values (payment_id, amount)
  when amount >= 100 then into analytics.mart.medium_payments (payment_id, amount) values (payment_id, amount)
  else into analytics.mart.small_payments (payment_id) values (payment_id)
select payment_id, amount from analytics.staging.stg_payments;
-- target: ANALYTICS.MART.LARGE_PAYMENTS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID
-- column: AMOUNT <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT
-- target: ANALYTICS.MART.MEDIUM_PAYMENTS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID
-- column: AMOUNT <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT
-- target: ANALYTICS.MART.SMALL_PAYMENTS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID

-- case: INSERT ALL without VALUES copies the query's columns
insert all into analytics.mart.orders_a into analytics.mart.orders_b
select order_id, status from analytics.staging.stg_orders;
-- target: ANALYTICS.MART.ORDERS_A
-- source: ANALYTICS.STAGING.STG_ORDERS
-- target: ANALYTICS.MART.ORDERS_B
-- source: ANALYTICS.STAGING.STG_ORDERS

-- case: build then swap (ELT blue/green): the swapped-in table takes the lineage
-- script
create or replace table analytics.mart.orders_daily_next as
select order_date, count(*) as orders from analytics.staging.stg_orders group by order_date;
alter table analytics.mart.orders_daily_next swap with analytics.mart.orders_daily;
drop table analytics.mart.orders_daily_next;
-- target: ANALYTICS.MART.ORDERS_DAILY
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: ORDER_DATE <- ANALYTICS.STAGING.STG_ORDERS.ORDER_DATE

-- case: swap alone yields no lineage
alter table analytics.mart.a swap with analytics.mart.b;
-- none

-- case: rename after a write re-targets the lineage
-- script
create table analytics.mart.payments_v2 as select payment_id, amount from analytics.staging.stg_payments;
alter table analytics.mart.payments_v2 rename to analytics.mart.payments;
-- target: ANALYTICS.MART.PAYMENTS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: PAYMENT_ID <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_ID
-- column: AMOUNT <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: a table created and dropped in the same script collapses
-- script
create table analytics.scratch.paid_orders as
select o.order_id, o.customer_id, p.amount from analytics.staging.stg_orders o join analytics.staging.stg_payments p on p.order_id = o.order_id;
insert into analytics.mart.customer_revenue (customer_id, revenue)
select customer_id, sum(amount) from analytics.scratch.paid_orders group by customer_id;
drop table if exists analytics.scratch.paid_orders;
-- target: ANALYTICS.MART.CUSTOMER_REVENUE
-- source: ANALYTICS.STAGING.STG_ORDERS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: CUSTOMER_ID <- ANALYTICS.STAGING.STG_ORDERS.CUSTOMER_ID
-- column: REVENUE <- ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: a table dropped and re-created stays
-- script
drop table if exists analytics.mart.status_counts;
create table analytics.mart.status_counts as select status, count(*) as n from analytics.staging.stg_orders group by status;
-- target: ANALYTICS.MART.STATUS_COUNTS
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: STATUS <- ANALYTICS.STAGING.STG_ORDERS.STATUS

-- case: ELT loader stage: temporary table, delete-insert into the target
-- script
create temporary table analytics.raw._fivetran_staging_orders as select * from analytics.raw.orders_landing;
delete from analytics.raw.orders where id in (select id from analytics.raw._fivetran_staging_orders);
insert into analytics.raw.orders (id, status, _loaded_at) select id, status, current_timestamp() from analytics.raw._fivetran_staging_orders;
-- target: ANALYTICS.RAW.ORDERS
-- source: ANALYTICS.RAW.ORDERS_LANDING
-- column: ID <- ANALYTICS.RAW.ORDERS_LANDING.ID
-- column: STATUS <- ANALYTICS.RAW.ORDERS_LANDING.STATUS

-- case: self-reference: dedup of a table by itself has no table-level source
insert overwrite into analytics.mart.events select * from analytics.mart.events qualify row_number() over (partition by event_id order by loaded_at desc) = 1;
-- none

-- case: self-reference with another source keeps the old column value
update analytics.mart.customer_revenue r set revenue = r.revenue + p.amount
from analytics.staging.stg_payments p where p.order_id = r.customer_id;
-- target: ANALYTICS.MART.CUSTOMER_REVENUE
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: REVENUE <- ANALYTICS.MART.CUSTOMER_REVENUE.REVENUE, ANALYTICS.STAGING.STG_PAYMENTS.AMOUNT

-- case: INSERT without a column list maps by position through the catalog
insert into dim_dates select d, quarter(d) from analytics.staging.calendar;
-- target: ANALYTICS.DBT_PROD.DIM_DATES
-- source: ANALYTICS.STAGING.CALENDAR
-- column: DATE_DAY <- ANALYTICS.STAGING.CALENDAR.D
-- column: FISCAL_QUARTER <- ANALYTICS.STAGING.CALENDAR.D

-- case: unqualified name completed by the catalog (not in the default schema)
-- defaults: ANALYTICS -
create table analytics.mart.payment_methods as select distinct payment_method from stg_payments;
-- target: ANALYTICS.MART.PAYMENT_METHODS
-- source: ANALYTICS.STAGING.STG_PAYMENTS
-- column: PAYMENT_METHOD <- ANALYTICS.STAGING.STG_PAYMENTS.PAYMENT_METHOD

-- case: semi-structured paths map to the top-level column
create table analytics.mart.event_users as
select raw:user.id::number as user_id, raw:user.email::string as email, raw['ts'] as ts from analytics.raw.json_events;
-- target: ANALYTICS.MART.EVENT_USERS
-- source: ANALYTICS.RAW.JSON_EVENTS
-- column: USER_ID <- ANALYTICS.RAW.JSON_EVENTS.RAW
-- column: EMAIL <- ANALYTICS.RAW.JSON_EVENTS.RAW
-- column: TS <- ANALYTICS.RAW.JSON_EVENTS.RAW

-- case: CTAS with a Teradata-style WITH DATA tail
create table analytics.mart.orders_copy as (select order_id, status from analytics.staging.stg_orders) with data;
-- target: ANALYTICS.MART.ORDERS_COPY
-- source: ANALYTICS.STAGING.STG_ORDERS
-- column: ORDER_ID <- ANALYTICS.STAGING.STG_ORDERS.ORDER_ID
-- column: STATUS <- ANALYTICS.STAGING.STG_ORDERS.STATUS

-- case: a construct the parser refuses: tables recovered, columns skipped
insert into analytics.mart.order_sessions
select * from analytics.staging.stg_orders match_recognize (partition by customer_id order by order_date measures match_number() as m one row per match pattern (a b*) define b as status = 'x');
-- recovered
-- target: ANALYTICS.MART.ORDER_SESSIONS
-- source: ANALYTICS.STAGING.STG_ORDERS

-- case: ELT load from a stage path in FROM: the stage is an external source
insert into analytics.raw.clicks_landing select $1:id::number, $1:url::string from @analytics.raw.click_stage/2024/01/ (file_format => 'json_fmt');
-- recovered
-- target: ANALYTICS.RAW.CLICKS_LANDING
-- source: ANALYTICS.RAW.CLICK_STAGE

-- case: SELECT * RENAME, which the parser refuses: tables recovered
create or replace view analytics.bi.orders_renamed as select * rename (status as order_status) from analytics.staging.stg_orders;
-- recovered
-- target: ANALYTICS.BI.ORDERS_RENAMED
-- source: ANALYTICS.STAGING.STG_ORDERS
