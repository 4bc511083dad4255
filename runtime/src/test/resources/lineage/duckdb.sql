-- DuckDB lineage corpus. Identifiers are case-insensitive but kept as written; the default
-- schema is main.
-- @defaults lake main
-- @catalog lake.main.trips: trip_id, rider_id, fare, started_at
-- @catalog lake.main.riders: rider_id, name, city

-- case: CTAS
CREATE TABLE daily_fares AS SELECT CAST(started_at AS DATE) AS day, SUM(fare) AS fares FROM trips GROUP BY ALL;
-- target: lake.main.daily_fares
-- source: lake.main.trips
-- column: day <- lake.main.trips.started_at
-- column: fares <- lake.main.trips.fare

-- case: CREATE OR REPLACE with schema
CREATE OR REPLACE TABLE analytics.city_fares AS
SELECT r.city, AVG(t.fare) AS avg_fare FROM trips t JOIN riders r USING (rider_id) GROUP BY r.city;
-- target: lake.analytics.city_fares
-- source: lake.main.trips
-- source: lake.main.riders
-- column: city <- lake.main.riders.city
-- column: avg_fare <- lake.main.trips.fare

-- case: FROM-first CTAS
CREATE TABLE trips_copy AS FROM trips;
-- target: lake.main.trips_copy
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: rider_id <- lake.main.trips.rider_id
-- column: fare <- lake.main.trips.fare
-- column: started_at <- lake.main.trips.started_at

-- case: read_parquet is not a table
CREATE TABLE raw_trips AS SELECT * FROM read_parquet('s3://bucket/trips/*.parquet');
-- none

-- case: INSERT BY NAME
INSERT INTO riders BY NAME SELECT name, id AS rider_id FROM staging.new_riders;
-- target: lake.main.riders
-- source: lake.staging.new_riders
-- column: name <- lake.staging.new_riders.name
-- column: rider_id <- lake.staging.new_riders.id

-- case: INSERT with column list
INSERT INTO analytics.city_fares (city, avg_fare) SELECT city, 0 FROM riders;
-- target: lake.analytics.city_fares
-- source: lake.main.riders
-- column: city <- lake.main.riders.city

-- case: star exclude
CREATE TABLE trips_public AS SELECT * EXCLUDE (rider_id) FROM trips;
-- target: lake.main.trips_public
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: fare <- lake.main.trips.fare
-- column: started_at <- lake.main.trips.started_at

-- case: quoted names kept
CREATE TABLE "Analytics"."Rider Stats" AS SELECT "rider_id", COUNT(*) AS n FROM trips GROUP BY 1;
-- target: lake.Analytics.Rider Stats
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id

-- case: three-part attached database
INSERT INTO warehouse.main.trips SELECT * FROM lake.main.trips WHERE fare > 0;
-- target: warehouse.main.trips
-- source: lake.main.trips

-- case: view
CREATE VIEW v_long_trips AS SELECT trip_id, fare FROM trips WHERE fare > 50;
-- target: lake.main.v_long_trips
-- source: lake.main.trips
-- column: trip_id <- lake.main.trips.trip_id
-- column: fare <- lake.main.trips.fare

-- case: temp table
CREATE TEMP TABLE t_riders AS SELECT rider_id, city FROM riders;
-- target: lake.main.t_riders temporary
-- source: lake.main.riders
-- column: rider_id <- lake.main.riders.rider_id
-- column: city <- lake.main.riders.city

-- case: UPDATE FROM
UPDATE riders SET city = c.city_name FROM staging.city_fix c WHERE riders.city = c.bad_name;
-- target: lake.main.riders
-- source: lake.staging.city_fix
-- column: city <- lake.staging.city_fix.city_name

-- case: DELETE USING
DELETE FROM trips USING staging.bad_trips b WHERE trips.trip_id = b.trip_id;
-- target: lake.main.trips
-- source: lake.staging.bad_trips

-- case: INSERT VALUES
INSERT INTO riders VALUES (1, 'Ann', 'Oslo');
-- none

-- case: PRAGMA is not lineage
PRAGMA table_info('trips');
-- none

-- case: CTE and window
CREATE TABLE rider_rank AS
WITH s AS (SELECT rider_id, SUM(fare) AS spend FROM trips GROUP BY rider_id)
SELECT rider_id, spend, row_number() OVER (ORDER BY spend DESC) AS pos FROM s;
-- target: lake.main.rider_rank
-- source: lake.main.trips
-- column: rider_id <- lake.main.trips.rider_id
-- column: spend <- lake.main.trips.fare
-- column: pos <- lake.main.trips.fare

-- case: UNION ALL BY position
CREATE TABLE all_people AS SELECT name FROM riders UNION ALL SELECT name FROM staging.drivers;
-- target: lake.main.all_people
-- source: lake.main.riders
-- source: lake.staging.drivers
-- column: name <- lake.main.riders.name, lake.staging.drivers.name

-- case: COPY FROM a file
COPY trips FROM 's3://bucket/trips.csv' (HEADER);
-- target: lake.main.trips
-- source: -.-."s3://bucket/trips.csv"

-- case: list and struct functions
CREATE TABLE rider_cities AS SELECT rider_id, list_distinct([city, upper(city)]) AS variants, {'n': name} AS s FROM riders;
-- target: lake.main.rider_cities
-- source: lake.main.riders
-- column: rider_id <- lake.main.riders.rider_id
-- column: variants <- lake.main.riders.city
-- column: s <- lake.main.riders.name
