-- BigQuery: statements in the shapes real query history holds (dbt, Dataform, BI tools, ELT
-- loaders, scripts). Names keep their case; a backticked path is split on its dots.
-- @defaults acme-prod analytics
-- @catalog acme-prod.staging.users: user_id, email, country, signup_ts
-- @catalog acme-prod.staging.sessions: session_id, user_id, started_at, device
-- @catalog acme-prod.analytics.daily_users: day, country, users

-- case: dbt table with partitioning options and CTEs in parentheses
create or replace table `acme-prod`.`analytics`.`user_sessions`
partition by date(first_session_at)
cluster by country
options()
as (
  with sessions as (select user_id, min(started_at) as first_session_at, count(*) as n_sessions from `acme-prod`.`staging`.`sessions` group by user_id)
  select u.user_id, u.country, s.first_session_at, s.n_sessions
  from `acme-prod`.`staging`.`users` u join sessions s using (user_id)
);
-- target: acme-prod.analytics.user_sessions
-- source: acme-prod.staging.sessions
-- source: acme-prod.staging.users
-- column: user_id <- acme-prod.staging.users.user_id
-- column: country <- acme-prod.staging.users.country
-- column: first_session_at <- acme-prod.staging.sessions.started_at

-- case: dbt incremental merge, MERGE without INTO
merge into `acme-prod`.`analytics`.`sessions_inc` as DBT_INTERNAL_DEST
using (select session_id, user_id, device from `acme-prod`.`staging`.`sessions` where started_at > timestamp_sub(current_timestamp(), interval 1 day)) as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.session_id = DBT_INTERNAL_DEST.session_id)
when matched then update set `device` = DBT_INTERNAL_SOURCE.`device`
when not matched then insert (`session_id`, `user_id`, `device`) values (`session_id`, `user_id`, `device`);
-- target: acme-prod.analytics.sessions_inc
-- source: acme-prod.staging.sessions
-- column: device <- acme-prod.staging.sessions.device
-- column: session_id <- acme-prod.staging.sessions.session_id
-- column: user_id <- acme-prod.staging.sessions.user_id

-- case: dbt insert_overwrite: partitions replaced from a temporary table (script)
-- script
create or replace table `acme-prod`.`analytics`.`events_daily__dbt_tmp` as (
  select date(ts) as day, event_name, count(*) as n from `acme-prod`.`raw`.`events` group by 1, 2
);
merge into `acme-prod`.`analytics`.`events_daily` as DBT_INTERNAL_DEST
using (select day, event_name, n from `acme-prod`.`analytics`.`events_daily__dbt_tmp`) as DBT_INTERNAL_SOURCE
on FALSE
when not matched by source and DBT_INTERNAL_DEST.day in ('2024-01-01') then delete
when not matched then insert (`day`, `event_name`, `n`) values (`day`, `event_name`, `n`);
drop table if exists `acme-prod`.`analytics`.`events_daily__dbt_tmp`;
-- target: acme-prod.analytics.events_daily
-- source: acme-prod.raw.events
-- column: day <- acme-prod.raw.events.ts
-- column: event_name <- acme-prod.raw.events.event_name

-- case: Dataform incremental with a partition decorator target
insert into `acme-prod.analytics.page_views$20240101` (view_id, url)
select view_id, url from `acme-prod.raw.page_views` where date(ts) = '2024-01-01';
-- target: acme-prod.analytics.page_views
-- source: acme-prod.raw.page_views
-- column: view_id <- acme-prod.raw.page_views.view_id
-- column: url <- acme-prod.raw.page_views.url

-- case: read from an unpartitioned decorator
create table analytics.late_rows as select * except (ingest_ts) from `acme-prod.raw.page_views$__UNPARTITIONED__`;
-- target: acme-prod.analytics.late_rows
-- source: acme-prod.raw.page_views

-- case: date-sharded source folded to its base table
create or replace table analytics.ga_daily as
select event_date, count(distinct user_pseudo_id) as users from `acme-prod.analytics_123.events_20240131` group by event_date;
-- target: acme-prod.analytics.ga_daily
-- source: acme-prod.analytics_123.events
-- column: event_date <- acme-prod.analytics_123.events.event_date
-- column: users <- acme-prod.analytics_123.events.user_pseudo_id

-- case: wildcard over shards without backticks
insert into analytics.ga_monthly (month, users)
select format_date('%Y-%m', parse_date('%Y%m%d', event_date)), count(distinct user_pseudo_id)
from analytics_123.events_* where _table_suffix between '20240101' and '20240131' group by 1;
-- target: acme-prod.analytics.ga_monthly
-- source: acme-prod.analytics_123.events
-- column: month <- acme-prod.analytics_123.events.event_date
-- column: users <- acme-prod.analytics_123.events.user_pseudo_id

-- case: wildcard with a partial date prefix
create table analytics.ga_2023 as select user_pseudo_id from `acme-prod.analytics_123.events_2023*`;
-- target: acme-prod.analytics.ga_2023
-- source: acme-prod.analytics_123.events
-- column: user_pseudo_id <- acme-prod.analytics_123.events.user_pseudo_id

-- case: writing one shard feeds the sharded table
create or replace table `acme-prod.exports.sessions_20240102` as select session_id, device from staging.sessions;
-- target: acme-prod.exports.sessions
-- source: acme-prod.staging.sessions
-- column: session_id <- acme-prod.staging.sessions.session_id
-- column: device <- acme-prod.staging.sessions.device

-- case: SELECT * EXCEPT with a catalog
create or replace view analytics.users_public as select * except (email) from staging.users;
-- target: acme-prod.analytics.users_public
-- source: acme-prod.staging.users
-- column: user_id <- acme-prod.staging.users.user_id
-- column: country <- acme-prod.staging.users.country
-- column: signup_ts <- acme-prod.staging.users.signup_ts

-- case: SELECT * REPLACE with a catalog
create or replace view analytics.users_masked as select * replace (sha256(email) as email) from staging.users;
-- target: acme-prod.analytics.users_masked
-- source: acme-prod.staging.users
-- column: user_id <- acme-prod.staging.users.user_id
-- column: email <- acme-prod.staging.users.email
-- column: country <- acme-prod.staging.users.country
-- column: signup_ts <- acme-prod.staging.users.signup_ts

-- case: double-quoted alias is the column's name, not a string with quotes
create view analytics.country_counts as select country as "Country", count(*) as "Users" from staging.users group by 1;
-- target: acme-prod.analytics.country_counts
-- source: acme-prod.staging.users
-- column: Country <- acme-prod.staging.users.country

-- case: BI tool SELECT with a trailing comma, wrapped as a view
create view analytics.device_mix as
select device, count(distinct user_id) as users, from staging.sessions group by device;
-- target: acme-prod.analytics.device_mix
-- source: acme-prod.staging.sessions
-- column: device <- acme-prod.staging.sessions.device
-- column: users <- acme-prod.staging.sessions.user_id

-- case: struct field paths map to their top-level column
create table analytics.order_items as
select o.order_id, o.customer.address.city as city, item.sku
from `acme-prod.raw.orders` o, unnest(o.items) as item;
-- target: acme-prod.analytics.order_items
-- source: acme-prod.raw.orders
-- column: order_id <- acme-prod.raw.orders.order_id
-- column: city <- acme-prod.raw.orders.customer
-- column: sku <- acme-prod.raw.orders.items

-- case: scripting: temp table feeding an insert collapses
-- script
create temp table new_users as
select user_id, country from staging.users where date(signup_ts) = current_date();
insert into analytics.daily_users (day, country, users)
select current_date(), country, count(user_id) from new_users group by country;
-- target: acme-prod.analytics.daily_users
-- source: acme-prod.staging.users
-- column: country <- acme-prod.staging.users.country
-- column: users <- acme-prod.staging.users.user_id

-- case: INSERT without a column list maps by position through the catalog
insert into analytics.daily_users select date(signup_ts), country, count(*) from staging.users group by 1, 2;
-- target: acme-prod.analytics.daily_users
-- source: acme-prod.staging.users
-- column: day <- acme-prod.staging.users.signup_ts
-- column: country <- acme-prod.staging.users.country

-- case: ALTER TABLE RENAME TO after a build re-targets it
-- script
create table analytics.users_rebuild as select user_id, email from staging.users;
alter table analytics.users_rebuild rename to users_current;
-- target: acme-prod.analytics.users_current
-- source: acme-prod.staging.users
-- column: user_id <- acme-prod.staging.users.user_id
-- column: email <- acme-prod.staging.users.email

-- case: Fivetran-style staging merge from a dataset-qualified temp table
-- script
create table `acme-prod.fivetran_staging.orders_1234` as select * from `acme-prod.landing.orders_raw`;
merge into `acme-prod.shop.orders` t using `acme-prod.fivetran_staging.orders_1234` s on t.id = s.id
when matched then update set t.status = s.status
when not matched then insert (id, status) values (s.id, s.status);
drop table `acme-prod.fivetran_staging.orders_1234`;
-- target: acme-prod.shop.orders
-- source: acme-prod.landing.orders_raw
-- column: id <- acme-prod.landing.orders_raw.id
-- column: status <- acme-prod.landing.orders_raw.status

-- case: self-reference: rewrite of a table from itself and a join
create or replace table analytics.daily_users as
select d.day, d.country, d.users + coalesce(n.users, 0) as users
from analytics.daily_users d left join analytics.new_counts n using (day, country);
-- target: acme-prod.analytics.daily_users
-- source: acme-prod.analytics.new_counts
-- column: day <- acme-prod.analytics.daily_users.day
-- column: country <- acme-prod.analytics.daily_users.country
-- column: users <- acme-prod.analytics.daily_users.users, acme-prod.analytics.new_counts.users
