-- Databricks: statements in the shapes real query history holds (dbt-databricks, notebooks,
-- Lakeflow/ELT loaders, BI tools). Names are lower case; double quotes delimit strings.
-- @defaults main default
-- @catalog main.bronze.clicks: click_id, user_id, url, ts
-- @catalog main.silver.clicks_clean: click_id, user_id, url, ts
-- @catalog main.gold.user_clicks_daily: user_id, clicks

-- case: dbt-databricks table as CTAS with USING DELTA and CTEs
create or replace table `main`.`gold`.`user_clicks`
using delta
as
with clicks as (select * from `main`.`silver`.`clicks_clean`)
select user_id, count(click_id) as clicks, max(ts) as last_click from clicks group by user_id;
-- target: main.gold.user_clicks
-- source: main.silver.clicks_clean
-- column: user_id <- main.silver.clicks_clean.user_id
-- column: clicks <- main.silver.clicks_clean.click_id
-- column: last_click <- main.silver.clicks_clean.ts

-- case: dbt-databricks incremental via temporary view and merge
-- script
create or replace temporary view `user_clicks__dbt_tmp` as
select user_id, count(*) as clicks from `main`.`bronze`.`clicks` where ts > current_date() - interval 1 day group by user_id;
merge into `main`.`gold`.`user_clicks_inc` as DBT_INTERNAL_DEST
using `user_clicks__dbt_tmp` as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.user_id = DBT_INTERNAL_DEST.user_id
when matched then update set *
when not matched then insert *;
-- known-gap: UPDATE SET * / INSERT * into a target the catalog does not hold: the star is expanded from the target's catalog columns only, not from the temporary view's columns earlier in the script
-- target: main.gold.user_clicks_inc
-- source: main.bronze.clicks
-- column: user_id <- main.bronze.clicks.user_id

-- case: dbt-databricks incremental merge into a table the catalog holds (as a collected one is)
-- script
create or replace temporary view `user_clicks_daily__dbt_tmp` as
select user_id, count(*) as clicks from `main`.`bronze`.`clicks` where ts > current_date() - interval 1 day group by user_id;
merge into `main`.`gold`.`user_clicks_daily` as DBT_INTERNAL_DEST
using `user_clicks_daily__dbt_tmp` as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.user_id = DBT_INTERNAL_DEST.user_id
when matched then update set *
when not matched then insert *;
-- target: main.gold.user_clicks_daily
-- source: main.bronze.clicks
-- column: user_id <- main.bronze.clicks.user_id

-- case: double-quoted alias is a column name
create or replace view main.gold.url_counts as select url as "page", count(*) as "hits" from main.silver.clicks_clean group by url;
-- target: main.gold.url_counts
-- source: main.silver.clicks_clean
-- column: page <- main.silver.clicks_clean.url

-- case: double-quoted value stays a string
create table main.gold.tagged as select click_id, "web" as channel from main.silver.clicks_clean;
-- target: main.gold.tagged
-- source: main.silver.clicks_clean
-- column: click_id <- main.silver.clicks_clean.click_id

-- case: trailing comma in a notebook query
create or replace table main.gold.user_urls as select user_id, collect_set(url) as urls, from main.silver.clicks_clean group by user_id;
-- target: main.gold.user_urls
-- source: main.silver.clicks_clean
-- column: user_id <- main.silver.clicks_clean.user_id
-- column: urls <- main.silver.clicks_clean.url

-- case: INSERT OVERWRITE from the table itself and another (self-reference)
insert overwrite table main.silver.clicks_clean
select c.click_id, c.user_id, coalesce(m.canonical_url, c.url), c.ts
from main.silver.clicks_clean c left join main.ref.url_map m on m.url = c.url;
-- target: main.silver.clicks_clean
-- source: main.ref.url_map
-- column: click_id <- main.silver.clicks_clean.click_id
-- column: user_id <- main.silver.clicks_clean.user_id
-- column: url <- main.silver.clicks_clean.url, main.ref.url_map.canonical_url
-- column: ts <- main.silver.clicks_clean.ts

-- case: INSERT INTO without a column list maps by position through the catalog
insert into main.silver.clicks_clean select id, uid, lower(link), event_time from main.bronze.clicks_v2;
-- target: main.silver.clicks_clean
-- source: main.bronze.clicks_v2
-- column: click_id <- main.bronze.clicks_v2.id
-- column: user_id <- main.bronze.clicks_v2.uid
-- column: url <- main.bronze.clicks_v2.link
-- column: ts <- main.bronze.clicks_v2.event_time

-- case: struct field paths map to the top-level column
create table main.silver.devices as select payload.device.os as os, payload.device.model as model, e.user_id from main.bronze.events e;
-- target: main.silver.devices
-- source: main.bronze.events
-- column: os <- main.bronze.events.payload
-- column: model <- main.bronze.events.payload
-- column: user_id <- main.bronze.events.user_id

-- case: a global temporary view chain in a notebook collapses
-- script
create or replace temp view recent as select * from main.silver.clicks_clean where ts > current_date() - interval 7 days;
create or replace temp view recent_users as select distinct user_id from recent;
create or replace table main.gold.weekly_active as select count(user_id) as wau from recent_users;
-- target: main.gold.weekly_active
-- source: main.silver.clicks_clean
-- column: wau <- main.silver.clicks_clean.user_id

-- case: ALTER TABLE RENAME TO after a rebuild
-- script
create table main.gold.sessions_new as select user_id, min(ts) as first_ts from main.silver.clicks_clean group by user_id;
alter table main.gold.sessions_new rename to main.gold.sessions;
-- target: main.gold.sessions
-- source: main.silver.clicks_clean
-- column: user_id <- main.silver.clicks_clean.user_id
-- column: first_ts <- main.silver.clicks_clean.ts

-- case: a scratch table created and dropped collapses
-- script
create table main.scratch.tmp_clicks as select user_id, url from main.bronze.clicks where url is not null;
insert into main.gold.user_pages (user_id, url) select user_id, url from main.scratch.tmp_clicks;
drop table main.scratch.tmp_clicks;
-- target: main.gold.user_pages
-- source: main.bronze.clicks
-- column: user_id <- main.bronze.clicks.user_id
-- column: url <- main.bronze.clicks.url

-- case: MERGE with a source subquery (ELT upsert)
merge into main.silver.users t
using (select user_id, max_by(email, updated_at) as email from main.bronze.user_updates group by user_id) s
on t.user_id = s.user_id
when matched then update set t.email = s.email
when not matched then insert (user_id, email) values (s.user_id, s.email);
-- target: main.silver.users
-- source: main.bronze.user_updates
-- column: email <- main.bronze.user_updates.email, main.bronze.user_updates.updated_at
-- column: user_id <- main.bronze.user_updates.user_id

-- case: BI SELECT wrapped as a view with backticked aliases
create view main.bi.top_urls as select `url` as `Page URL`, count(*) as `Hits` from main.silver.clicks_clean group by `url` order by 2 desc limit 10;
-- target: main.bi.top_urls
-- source: main.silver.clicks_clean
-- column: Page URL <- main.silver.clicks_clean.url

-- case: lateral view explode in a view
create view main.gold.user_tags as select user_id, tag from main.silver.profiles lateral view explode(tags) t as tag;
-- target: main.gold.user_tags
-- source: main.silver.profiles
-- column: user_id <- main.silver.profiles.user_id
-- column: tag <- main.silver.profiles.tags

-- case: drop alone yields no lineage
drop table if exists main.gold.old_report;
-- none
