-- Hive: statements in the shapes HiveServer2 logs and view texts hold (ETL scripts with
-- partitions, Oozie/Airflow jobs, BI tools). Names are db.table and lower case.
-- @defaults - warehouse
-- @catalog warehouse.warehouse.page_views: view_id, user_id, url, ts, dt
-- @catalog warehouse.warehouse.daily_views: url, views, dt

-- case: INSERT OVERWRITE a static partition
insert overwrite table warehouse.daily_views partition (dt = '2024-01-01')
select url, count(*) from warehouse.page_views where dt = '2024-01-01' group by url;
-- target: warehouse.warehouse.daily_views
-- source: warehouse.warehouse.page_views
-- column: url <- warehouse.warehouse.page_views.url

-- case: INSERT OVERWRITE dynamic partitions maps by position with the catalog
insert overwrite table daily_views partition (dt)
select url, count(view_id), dt from page_views group by url, dt;
-- target: warehouse.warehouse.daily_views
-- source: warehouse.warehouse.page_views
-- column: url <- warehouse.warehouse.page_views.url
-- column: views <- warehouse.warehouse.page_views.view_id
-- column: dt <- warehouse.warehouse.page_views.dt

-- case: EXCHANGE PARTITION moves a partition from the staging table
alter table warehouse.daily_views exchange partition (dt = '2024-01-02') with table staging.daily_views_load;
-- target: warehouse.warehouse.daily_views
-- source: staging.staging.daily_views_load

-- case: EXCHANGE PARTITION with a catalog on both sides maps columns by name
alter table warehouse.daily_views exchange partition (dt = '2024-01-03') with table warehouse.page_views;
-- target: warehouse.warehouse.daily_views
-- source: warehouse.warehouse.page_views
-- column: url <- warehouse.warehouse.page_views.url
-- column: dt <- warehouse.warehouse.page_views.dt

-- case: CTAS stored as ORC with table properties
create table reports.top_users stored as orc tblproperties ('orc.compress' = 'SNAPPY') as
select user_id, count(*) as views from warehouse.page_views group by user_id;
-- target: reports.reports.top_users
-- source: warehouse.warehouse.page_views
-- column: user_id <- warehouse.warehouse.page_views.user_id

-- case: double-quoted alias is the column name
create view reports.v_urls as select url as "page", count(*) as "n" from warehouse.page_views group by url;
-- target: reports.reports.v_urls
-- source: warehouse.warehouse.page_views
-- column: page <- warehouse.warehouse.page_views.url

-- case: multi-insert from one scan
from warehouse.page_views pv
insert overwrite table reports.views_by_url select pv.url, count(*) group by pv.url
insert overwrite table reports.views_by_user select pv.user_id, count(*) group by pv.user_id;
-- target: reports.reports.views_by_url
-- source: warehouse.warehouse.page_views
-- target: reports.reports.views_by_user
-- source: warehouse.warehouse.page_views

-- case: temporary table in an ETL script collapses
-- script
create temporary table tmp_sessions as select user_id, min(ts) as first_ts from warehouse.page_views group by user_id;
insert into table reports.first_visits select user_id, first_ts from tmp_sessions;
-- target: reports.reports.first_visits
-- source: warehouse.warehouse.page_views

-- case: temporary table with named columns in an insert collapses with columns
-- script
create temporary table tmp_urls as select url, max(ts) as last_ts from warehouse.page_views group by url;
insert into reports.url_freshness (url, last_ts) select url, last_ts from tmp_urls;
-- target: reports.reports.url_freshness
-- source: warehouse.warehouse.page_views
-- column: url <- warehouse.warehouse.page_views.url
-- column: last_ts <- warehouse.warehouse.page_views.ts

-- case: struct field paths map to the top-level column
create table reports.geo as select e.user_id, e.location.city as city, e.location.country as country from warehouse.events e;
-- target: reports.reports.geo
-- source: warehouse.warehouse.events
-- column: user_id <- warehouse.warehouse.events.user_id
-- column: city <- warehouse.warehouse.events.location
-- column: country <- warehouse.warehouse.events.location

-- case: rename after a rebuild re-targets the lineage
-- script
create table reports.users_new as select distinct user_id from warehouse.page_views;
alter table reports.users_new rename to reports.users;
-- target: reports.reports.users
-- source: warehouse.warehouse.page_views
-- column: user_id <- warehouse.warehouse.page_views.user_id

-- case: self-reference: compaction by INSERT OVERWRITE of itself has no source
insert overwrite table warehouse.page_views partition (dt = '2024-01-01') select view_id, user_id, url, ts from warehouse.page_views where dt = '2024-01-01';
-- none

-- case: lateral view with explode of a map
create table reports.user_props as select user_id, k, v from warehouse.profiles lateral view explode(props) p as k, v;
-- target: reports.reports.user_props
-- source: warehouse.warehouse.profiles
-- column: user_id <- warehouse.warehouse.profiles.user_id
-- column: k <- warehouse.warehouse.profiles.props
-- column: v <- warehouse.warehouse.profiles.props

-- case: BI SELECT wrapped as a view with a subquery in FROM
create view reports.v_busy_days as select t.dt, t.n from (select dt, count(*) as n from warehouse.page_views group by dt) t where t.n > 1000;
-- target: reports.reports.v_busy_days
-- source: warehouse.warehouse.page_views
-- column: dt <- warehouse.warehouse.page_views.dt

-- case: INSERT INTO a partition from a join
insert into table reports.url_users partition (dt = '2024-01-01') select p.url, u.segment from warehouse.page_views p join warehouse.users u on u.user_id = p.user_id where p.dt = '2024-01-01';
-- target: reports.reports.url_users
-- source: warehouse.warehouse.page_views
-- source: warehouse.warehouse.users
