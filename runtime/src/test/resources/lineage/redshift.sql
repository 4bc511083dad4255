-- Redshift lineage corpus. Names are folded to lower case, quoted ones too (unless
-- enable_case_sensitive_identifier is on); the default schema is public.
-- @defaults dev public
-- @catalog dev.staging.users: user_id, email, signup_date, country
-- @catalog dev.public.events: event_id, user_id, event_type, event_ts

-- case: CTAS with DISTKEY and SORTKEY
CREATE TABLE analytics.user_events DISTKEY(user_id) SORTKEY(event_ts) AS
SELECT e.user_id, e.event_type, e.event_ts FROM public.events e;
-- target: dev.analytics.user_events
-- source: dev.public.events
-- column: user_id <- dev.public.events.user_id
-- column: event_type <- dev.public.events.event_type
-- column: event_ts <- dev.public.events.event_ts

-- case: CTAS with BACKUP NO and DISTSTYLE
CREATE TABLE analytics.country_counts BACKUP NO DISTSTYLE EVEN AS SELECT country, COUNT(*) AS users FROM staging.users GROUP BY country;
-- target: dev.analytics.country_counts
-- source: dev.staging.users
-- column: country <- dev.staging.users.country

-- case: quoted names fold to lower case
INSERT INTO "Analytics"."Signups" SELECT "USER_ID", signup_date FROM staging.users;
-- target: dev.analytics.signups
-- source: dev.staging.users

-- case: one-part name defaults to public
INSERT INTO daily_events (day, n) SELECT TRUNC(event_ts), COUNT(event_id) FROM events GROUP BY 1;
-- target: dev.public.daily_events
-- source: dev.public.events
-- column: day <- dev.public.events.event_ts
-- column: n <- dev.public.events.event_id

-- case: three-part cross-database name
INSERT INTO analytics.remote_users (user_id) SELECT user_id FROM prod.staging.users;
-- target: dev.analytics.remote_users
-- source: prod.staging.users
-- column: user_id <- prod.staging.users.user_id

-- case: temp table with hash prefix
CREATE TABLE #recent AS SELECT user_id, event_ts FROM public.events WHERE event_ts > GETDATE() - 1;
-- target: dev.public.#recent temporary
-- source: dev.public.events
-- column: user_id <- dev.public.events.user_id
-- column: event_ts <- dev.public.events.event_ts

-- case: SELECT INTO a temp table
SELECT user_id, email INTO #emails FROM staging.users WHERE country = 'DE';
-- target: dev.public.#emails temporary
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id
-- column: email <- dev.staging.users.email

-- case: CREATE TEMP TABLE
CREATE TEMP TABLE stage_users AS SELECT user_id FROM staging.users;
-- target: dev.public.stage_users temporary
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id

-- case: COPY from S3
COPY staging.users FROM 's3://bucket/users/' IAM_ROLE 'arn:aws:iam::123:role/load' FORMAT AS CSV;
-- target: dev.staging.users
-- source: -.-.s3://bucket/users/

-- case: COPY with column list
COPY public.events (event_id, user_id) FROM 's3://bucket/events/manifest' IAM_ROLE default MANIFEST;
-- target: dev.public.events
-- source: -.-.s3://bucket/events/manifest

-- case: UNLOAD reads only
UNLOAD ('SELECT * FROM public.events') TO 's3://bucket/out/' IAM_ROLE default;
-- none

-- case: UPDATE FROM
UPDATE analytics.user_events SET event_type = m.new_type FROM staging.type_map m WHERE user_events.event_type = m.old_type;
-- target: dev.analytics.user_events
-- source: dev.staging.type_map
-- column: event_type <- dev.staging.type_map.new_type

-- case: DELETE USING
DELETE FROM analytics.user_events USING staging.deleted_users d WHERE user_events.user_id = d.user_id;
-- target: dev.analytics.user_events
-- source: dev.staging.deleted_users

-- case: MERGE
MERGE INTO staging.users USING staging.users_delta d ON users.user_id = d.user_id
WHEN MATCHED THEN UPDATE SET email = d.email
WHEN NOT MATCHED THEN INSERT VALUES (d.user_id, d.email, d.signup_date, d.country);
-- target: dev.staging.users
-- source: dev.staging.users_delta
-- column: email <- dev.staging.users_delta.email
-- column: user_id <- dev.staging.users_delta.user_id
-- column: signup_date <- dev.staging.users_delta.signup_date
-- column: country <- dev.staging.users_delta.country

-- case: CREATE TABLE LIKE in parentheses
CREATE TABLE staging.users_backup (LIKE staging.users INCLUDING DEFAULTS);
-- target: dev.staging.users_backup
-- source: dev.staging.users

-- case: late-binding view
CREATE OR REPLACE VIEW analytics.v_users AS SELECT user_id, country FROM staging.users WITH NO SCHEMA BINDING;
-- target: dev.analytics.v_users
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id
-- column: country <- dev.staging.users.country

-- case: materialized view
CREATE MATERIALIZED VIEW analytics.mv_daily AS SELECT DATE_TRUNC('day', event_ts) AS day, COUNT(*) AS n FROM public.events GROUP BY 1;
-- target: dev.analytics.mv_daily
-- source: dev.public.events
-- column: day <- dev.public.events.event_ts

-- case: numeric literals and alias.column are not tables (regex weakness)
CREATE TABLE analytics.scores AS SELECT u.user_id, u.signup_date, 1.5 * 2.25 AS factor FROM staging.users u;
-- target: dev.analytics.scores
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id
-- column: signup_date <- dev.staging.users.signup_date

-- case: schema-qualified function is not a table
CREATE TABLE analytics.masked AS SELECT user_id, util.mask_email(email) AS email FROM staging.users;
-- target: dev.analytics.masked
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id
-- column: email <- dev.staging.users.email

-- case: star through the catalog with join
CREATE TABLE analytics.users_events AS SELECT u.*, e.event_type FROM staging.users u JOIN public.events e ON e.user_id = u.user_id;
-- target: dev.analytics.users_events
-- source: dev.staging.users
-- source: dev.public.events
-- column: user_id <- dev.staging.users.user_id
-- column: email <- dev.staging.users.email
-- column: signup_date <- dev.staging.users.signup_date
-- column: country <- dev.staging.users.country
-- column: event_type <- dev.public.events.event_type

-- case: INSERT VALUES
INSERT INTO staging.users VALUES (1, 'a@b.c', '2024-01-01', 'DE');
-- none

-- case: CTE insert
INSERT INTO analytics.active_users (user_id, last_event)
WITH last AS (SELECT user_id, MAX(event_ts) AS last_event FROM public.events GROUP BY user_id)
SELECT user_id, last_event FROM last WHERE last_event > '2024-01-01';
-- target: dev.analytics.active_users
-- source: dev.public.events
-- column: user_id <- dev.public.events.user_id
-- column: last_event <- dev.public.events.event_ts

-- case: NVL and DECODE
CREATE TABLE analytics.user_flags AS SELECT user_id, NVL(country, 'unknown') AS country, DECODE(country, 'DE', 1, 0) AS is_de FROM staging.users;
-- target: dev.analytics.user_flags
-- source: dev.staging.users
-- column: user_id <- dev.staging.users.user_id
-- column: country <- dev.staging.users.country
-- column: is_de <- dev.staging.users.country

-- case: ALTER TABLE APPEND
ALTER TABLE analytics.user_events APPEND FROM staging.user_events_new;
-- target: dev.analytics.user_events
-- source: dev.staging.user_events_new

-- case: read-only query
SELECT COUNT(*) FROM public.events;
-- none
