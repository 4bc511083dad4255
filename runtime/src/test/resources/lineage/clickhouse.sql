-- ClickHouse lineage corpus. A database holds tables directly: db.table is database = schema =
-- db. Names are case-sensitive and kept as written, unquoted, in `backticks` or in "double
-- quotes" (both delimit identifiers); strings are single-quoted. The statements are shaped like
-- the query column of system.query_log: one statement per row, as the client sent it, with its
-- SETTINGS and FORMAT clauses and comments.
-- @defaults analytics analytics
-- @catalog analytics.analytics.events: event_id, user_id, ts, url, tags, weights, revenue
-- @catalog analytics.analytics.users: user_id, country, signup_ts
-- @catalog analytics.analytics.daily: day, country, users, revenue
-- @catalog analytics.analytics.event_tags: event_id, tag, weight

-- case: INSERT SELECT with FINAL, PREWHERE, a join and SETTINGS
INSERT INTO analytics.daily (day, country, users, revenue)
SELECT toDate(e.ts) AS day, u.country, uniqExact(e.user_id) AS users, sum(e.revenue) AS revenue
FROM analytics.events AS e FINAL
INNER JOIN analytics.users AS u ON u.user_id = e.user_id
PREWHERE e.ts >= now() - INTERVAL 1 DAY
WHERE e.revenue > 0
GROUP BY day, u.country
SETTINGS max_threads = 8, max_insert_threads = 4;
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- source: analytics.analytics.users
-- column: day <- analytics.analytics.events.ts
-- column: country <- analytics.analytics.users.country
-- column: users <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue

-- case: INSERT INTO TABLE without a column list maps by the target's catalog columns
INSERT INTO TABLE daily SELECT toDate(ts), 'all', count(DISTINCT user_id), sum(revenue) FROM events GROUP BY toDate(ts);
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- column: day <- analytics.analytics.events.ts
-- column: users <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue

-- case: CREATE TABLE ON CLUSTER with an engine, sorting key and settings, AS SELECT
CREATE TABLE IF NOT EXISTS reports.user_revenue ON CLUSTER '{cluster}'
(
    user_id UInt64,
    revenue Decimal(18, 2)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/user_revenue', '{replica}')
PARTITION BY tuple()
ORDER BY user_id
SETTINGS index_granularity = 8192
AS SELECT user_id, sum(revenue) AS revenue FROM analytics.events GROUP BY user_id;
-- target: reports.reports.user_revenue
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue

-- case: CREATE OR REPLACE TABLE with ENGINE and no column list
CREATE OR REPLACE TABLE reports.active_users ENGINE = MergeTree ORDER BY user_id AS
SELECT DISTINCT user_id FROM events WHERE ts > today() - 30;
-- target: reports.reports.active_users
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id

-- case: a materialized view TO a table writes the table from its query
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics.daily_mv ON CLUSTER main TO analytics.daily
(
    `day` Date,
    `country` String,
    `users` UInt64,
    `revenue` Decimal(38, 2)
)
AS SELECT toDate(e.ts) AS day, u.country AS country, uniq(e.user_id) AS users, sum(e.revenue) AS revenue
FROM analytics.events AS e LEFT JOIN analytics.users AS u ON u.user_id = e.user_id
GROUP BY day, country;
-- target: analytics.analytics.daily_mv
-- source: analytics.analytics.events
-- source: analytics.analytics.users
-- column: day <- analytics.analytics.events.ts
-- column: country <- analytics.analytics.users.country
-- column: users <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- source: analytics.analytics.users
-- column: day <- analytics.analytics.events.ts
-- column: country <- analytics.analytics.users.country
-- column: users <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue

-- case: a materialized view with its own engine and POPULATE
CREATE MATERIALIZED VIEW reports.url_hits ENGINE = SummingMergeTree ORDER BY url POPULATE AS
SELECT url, count() AS hits FROM analytics.events GROUP BY url;
-- target: reports.reports.url_hits
-- source: analytics.analytics.events
-- column: url <- analytics.analytics.events.url

-- case: backticked and double-quoted names keep their case
INSERT INTO "Reports"."Daily Users" (`Day`, "Users") SELECT toDate(`ts`), uniq("user_id") FROM `analytics`.`events` GROUP BY 1;
-- target: Reports.Reports."Daily Users"
-- source: analytics.analytics.events
-- column: Day <- analytics.analytics.events.ts
-- column: Users <- analytics.analytics.events.user_id

-- case: ARRAY JOIN with an alias names the array's elements
INSERT INTO event_tags (event_id, tag) SELECT event_id, tag FROM events ARRAY JOIN tags AS tag WHERE notEmpty(tags);
-- target: analytics.analytics.event_tags
-- source: analytics.analytics.events
-- column: event_id <- analytics.analytics.events.event_id
-- column: tag <- analytics.analytics.events.tags

-- case: LEFT ARRAY JOIN of two arrays of a qualified table
INSERT INTO event_tags SELECT e.event_id, t, w FROM analytics.events AS e LEFT ARRAY JOIN e.tags AS t, e.weights AS w;
-- target: analytics.analytics.event_tags
-- source: analytics.analytics.events
-- column: event_id <- analytics.analytics.events.event_id
-- column: tag <- analytics.analytics.events.tags
-- column: weight <- analytics.analytics.events.weights

-- case: ARRAY JOIN without an alias: the array's name is its elements
INSERT INTO event_tags (event_id, tag) SELECT event_id, tags FROM events ARRAY JOIN tags;
-- target: analytics.analytics.event_tags
-- source: analytics.analytics.events
-- column: event_id <- analytics.analytics.events.event_id
-- column: tag <- analytics.analytics.events.tags

-- case: SAMPLE with OFFSET
INSERT INTO reports.sampled_users (user_id, url) SELECT user_id, url FROM events SAMPLE 1/10 OFFSET 1/2;
-- target: reports.reports.sampled_users
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id
-- column: url <- analytics.analytics.events.url

-- case: SAMPLE by rows
INSERT INTO reports.sampled_users (user_id) SELECT user_id FROM events SAMPLE 100000;
-- target: reports.reports.sampled_users
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id

-- case: GLOBAL IN, and join strictness ANY and SEMI
INSERT INTO reports.buyers (user_id, country)
SELECT e.user_id, u.country FROM events AS e GLOBAL ANY LEFT JOIN users AS u USING (user_id)
WHERE e.user_id GLOBAL IN (SELECT user_id FROM reports.vip)
  AND e.event_id IN (SELECT event_id FROM events AS x LEFT SEMI JOIN event_tags AS t ON t.event_id = x.event_id);
-- target: reports.reports.buyers
-- source: analytics.analytics.events
-- source: analytics.analytics.users
-- source: reports.reports.vip
-- source: analytics.analytics.event_tags
-- column: user_id <- analytics.analytics.events.user_id
-- column: country <- analytics.analytics.users.country

-- case: WITH a common table expression and comments of both kinds
# loader job 42
INSERT INTO daily (day, revenue) -- one row a day
WITH paid AS (SELECT ts, revenue FROM events WHERE revenue > 0)
SELECT toDate(ts), sum(revenue) FROM paid GROUP BY 1;
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- column: day <- analytics.analytics.events.ts
-- column: revenue <- analytics.analytics.events.revenue

-- case: a table with the structure of another holds none of its rows: a table-level edge
CREATE TABLE analytics.events_copy AS analytics.events ENGINE = MergeTree ORDER BY event_id;
-- target: analytics.analytics.events_copy
-- source: analytics.analytics.events

-- case: a table over a table function is no copy
CREATE TABLE analytics.remote_events AS remote('replica-2:9000', analytics, events);
-- none

-- case: EXCHANGE TABLES after a rebuild re-targets the lineage
-- script
CREATE TABLE analytics.daily_next AS analytics.daily;
INSERT INTO analytics.daily_next (day, revenue) SELECT toDate(ts), sum(revenue) FROM analytics.events GROUP BY 1;
EXCHANGE TABLES analytics.daily_next AND analytics.daily ON CLUSTER main;
DROP TABLE analytics.daily_next ON CLUSTER main SYNC;
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- column: day <- analytics.analytics.events.ts
-- column: revenue <- analytics.analytics.events.revenue

-- case: RENAME TABLE after a write re-targets the lineage
-- script
CREATE TABLE reports.revenue_v2 ENGINE = MergeTree ORDER BY user_id AS SELECT user_id, sum(revenue) AS revenue FROM analytics.events GROUP BY user_id;
RENAME TABLE reports.revenue TO reports.revenue_old, reports.revenue_v2 TO reports.revenue ON CLUSTER main;
-- target: reports.reports.revenue
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id
-- column: revenue <- analytics.analytics.events.revenue

-- case: EXCHANGE TABLES alone yields no lineage
EXCHANGE TABLES analytics.a AND analytics.b;
-- none

-- case: INSERT with the rows in VALUES has no lineage
INSERT INTO analytics.users (user_id, country) VALUES (1, 'DE'), (2, 'FR');
-- none

-- case: INSERT with the rows in a format has no lineage
INSERT INTO analytics.events FORMAT JSONEachRow {"event_id": 1, "url": "/a (b); c"}
-- none

-- case: INSERT INTO FUNCTION writes outside the server
INSERT INTO FUNCTION s3('https://bucket.example/exports/events.parquet', 'Parquet') SELECT * FROM analytics.events;
-- none

-- case: a SELECT with a FORMAT clause, as clients send it
SELECT country, count() FROM users GROUP BY country FORMAT JSONCompact;
-- none

-- case: SELECT INTO OUTFILE writes a file
SELECT * FROM events INTO OUTFILE 'events.tsv';
-- none

-- case: SYSTEM statements
SYSTEM FLUSH LOGS;
-- none

-- case: OPTIMIZE FINAL
OPTIMIZE TABLE analytics.events FINAL;
-- none

-- case: SET
SET max_threads = 4;
-- none

-- case: SHOW CREATE TABLE
SHOW CREATE TABLE analytics.events;
-- none

-- case: LIMIT BY keeps the first rows of each group
INSERT INTO reports.first_urls (user_id, url) SELECT user_id, url FROM events ORDER BY ts LIMIT 1 BY user_id;
-- target: reports.reports.first_urls
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id
-- column: url <- analytics.analytics.events.url

-- case: WITH an expression alias (ClickHouse's WITH expr AS name)
INSERT INTO reports.big_spenders (user_id) WITH 1000 AS threshold SELECT user_id FROM events WHERE revenue > threshold;
-- target: reports.reports.big_spenders
-- source: analytics.analytics.events
-- column: user_id <- analytics.analytics.events.user_id

-- case: a lambda in a higher-order function
INSERT INTO reports.tag_counts (event_id, n) SELECT event_id, length(arrayFilter(x -> x != '', tags)) FROM events;
-- target: reports.reports.tag_counts
-- source: analytics.analytics.events
-- column: event_id <- analytics.analytics.events.event_id
-- column: n <- analytics.analytics.events.tags

-- case: WITH a scalar subquery as a named value
INSERT INTO reports.latest_users (user_id) WITH (SELECT max(ts) FROM events) AS last_ts SELECT user_id FROM users WHERE signup_ts = last_ts;
-- target: reports.reports.latest_users
-- source: analytics.analytics.events
-- source: analytics.analytics.users
-- column: user_id <- analytics.analytics.users.user_id
-- known-gap: JSqlParser 5.3 refuses WITH (subquery) AS name; tables recovered by the fallback

-- case: ORDER BY ... WITH FILL
INSERT INTO daily (day, users) SELECT toDate(ts) AS day, uniq(user_id) FROM events GROUP BY day ORDER BY day WITH FILL STEP 1;
-- target: analytics.analytics.daily
-- source: analytics.analytics.events
-- column: day <- analytics.analytics.events.ts
-- column: users <- analytics.analytics.events.user_id
-- known-gap: JSqlParser 5.3 refuses ORDER BY ... WITH FILL; tables recovered by the fallback
