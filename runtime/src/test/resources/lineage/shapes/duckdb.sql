-- DuckDB: statements in the shapes view definitions and scripts hold (dbt-duckdb, notebooks,
-- local ELT). Identifiers keep their case; the default schema is main.
-- @defaults lake main
-- @catalog lake.main.trips: trip_id, rider_id, fare, started_at
-- @catalog lake.main.riders: rider_id, name, city

-- case: struct literal with nested struct
create table lake.main.rider_structs as select rider_id, {'who': {'name': name}, 'where': city} as info from lake.main.riders;
-- target: lake.main.rider_structs
-- source: lake.main.riders
-- column: rider_id <- lake.main.riders.rider_id
-- column: info <- lake.main.riders.name, lake.main.riders.city

-- case: struct literal inside a list, trailing comma
create table lake.main.fare_items as select trip_id, [{'fare': fare}] as items, from lake.main.trips;
-- target: lake.main.fare_items
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: items <- lake.main.trips.fare

-- case: struct field access maps to the top-level column
create table lake.main.rider_names as select info.who.name as name from lake.main.rider_structs;
-- target: lake.main.rider_names
-- source: lake.main.rider_structs
-- column: name <- lake.main.rider_structs.info

-- case: dbt-duckdb table: create tmp, rename, drop backup (script)
-- script
create table "lake"."main"."rider_totals__dbt_tmp" as (
  select rider_id, sum(fare) as total from "lake"."main"."trips" group by rider_id
);
alter table "lake"."main"."rider_totals" rename to "rider_totals__dbt_backup";
alter table "lake"."main"."rider_totals__dbt_tmp" rename to "rider_totals";
drop table if exists "lake"."main"."rider_totals__dbt_backup" cascade;
-- target: lake.main.rider_totals
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id
-- column: total <- lake.main.trips.fare

-- case: CREATE OR REPLACE TEMP TABLE in a notebook collapses
-- script
create or replace temp table recent as select trip_id, rider_id, fare from lake.main.trips where started_at > now() - interval 7 day;
create or replace table lake.main.weekly_fares as select rider_id, sum(fare) as fares from recent group by rider_id;
-- target: lake.main.weekly_fares
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id
-- column: fares <- lake.main.trips.fare

-- case: INSERT BY NAME
insert into lake.main.rider_copy by name select city, rider_id from lake.main.riders;
-- target: lake.main.rider_copy
-- source: lake.main.riders
-- column: city <- lake.main.riders.city
-- column: rider_id <- lake.main.riders.rider_id

-- case: INSERT without a column list maps by position through the catalog
insert into riders select id, full_name, town from lake.staging.people;
-- target: lake.main.riders
-- source: lake.staging.people
-- column: rider_id <- lake.staging.people.id
-- column: name <- lake.staging.people.full_name
-- column: city <- lake.staging.people.town

-- case: SELECT * EXCLUDE with a catalog
create view lake.main.trips_public as select * exclude (fare) from lake.main.trips;
-- target: lake.main.trips_public
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: rider_id <- lake.main.trips.rider_id
-- column: started_at <- lake.main.trips.started_at

-- case: BI SELECT with quoted aliases wrapped as a view
create view lake.main."Fares by City" as select r.city as "City", avg(t.fare) as "Average fare" from lake.main.trips t join lake.main.riders r using (rider_id) group by r.city;
-- target: lake.main.Fares by City
-- source: lake.main.trips
-- source: lake.main.riders
-- column: City <- lake.main.riders.city
-- column: Average fare <- lake.main.trips.fare

-- case: read_parquet source is not a table
create table lake.main.raw_events as select * from read_parquet('s3://bucket/events/*.parquet');
-- none

-- case: a table created and dropped in a script collapses
-- script
create table lake.scratch.fare_ranks as select trip_id, rank() over (order by fare desc) as fare_rank from lake.main.trips;
create table lake.main.top_trips as select trip_id, fare_rank from lake.scratch.fare_ranks where fare_rank <= 10;
drop table lake.scratch.fare_ranks;
-- target: lake.main.top_trips
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: fare_rank <- lake.main.trips.fare

-- case: self-reference: INSERT OR REPLACE from a join with itself keeps the old value
insert or replace into lake.main.rider_totals (rider_id, total)
select t.rider_id, coalesce(o.total, 0) + sum(t.fare) from lake.main.trips t left join lake.main.rider_totals o using (rider_id) group by t.rider_id, o.total;
-- target: lake.main.rider_totals
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id
-- column: total <- lake.main.rider_totals.total, lake.main.trips.fare

-- case: unqualified name not in the catalog stays in the default schema
create table lake.main.rider_cities_copy as select city from riders_view_src;
-- target: lake.main.rider_cities_copy
-- source: lake.main.riders_view_src
-- column: city <- lake.main.riders_view_src.city

-- case: list comprehension reads the list column
create table lake.main.fare_buckets as select trip_id, [x * 2 for x in fares] as doubled from lake.main.fare_lists;
-- recovered
-- target: lake.main.fare_buckets
-- source: lake.main.fare_lists

-- case: CREATE TABLE AS with a QUALIFY clause
create table lake.main.last_trip as select rider_id, trip_id from lake.main.trips qualify row_number() over (partition by rider_id order by started_at desc) = 1;
-- target: lake.main.last_trip
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id
-- column: trip_id <- lake.main.trips.trip_id
