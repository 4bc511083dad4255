-- PostgreSQL lineage corpus. Unquoted names fold to lower case, quoted ones are kept exactly;
-- the default schema is public.
-- @defaults app public
-- @catalog app.public.accounts: id, owner_id, balance, opened_on
-- @catalog app.public.owners: id, full_name, email
-- @catalog app.reporting.account_summary: owner_id, accounts, total_balance

-- case: CTAS with join
CREATE TABLE reporting.owner_balances AS
SELECT o.id AS owner_id, o.full_name, SUM(a.balance) AS total
FROM owners o JOIN accounts a ON a.owner_id = o.id GROUP BY o.id, o.full_name;
-- target: app.reporting.owner_balances
-- source: app.public.owners
-- source: app.public.accounts
-- column: owner_id <- app.public.owners.id
-- column: full_name <- app.public.owners.full_name
-- column: total <- app.public.accounts.balance

-- case: upper-case unquoted folds, quoted keeps
CREATE TABLE Reporting."MonthlyTotals" AS SELECT DATE_TRUNC('month', OPENED_ON) AS "Month", SUM(Balance) AS Total FROM PUBLIC.ACCOUNTS GROUP BY 1;
-- target: app.reporting.MonthlyTotals
-- source: app.public.accounts
-- column: Month <- app.public.accounts.opened_on
-- column: total <- app.public.accounts.balance

-- case: insert without column list maps by catalog position
INSERT INTO reporting.account_summary
SELECT owner_id, COUNT(id), SUM(balance) FROM accounts GROUP BY owner_id;
-- target: app.reporting.account_summary
-- source: app.public.accounts
-- column: owner_id <- app.public.accounts.owner_id
-- column: accounts <- app.public.accounts.id
-- column: total_balance <- app.public.accounts.balance

-- case: INSERT ... ON CONFLICT
INSERT INTO reporting.account_summary (owner_id, total_balance)
SELECT owner_id, SUM(balance) FROM accounts GROUP BY owner_id
ON CONFLICT (owner_id) DO UPDATE SET total_balance = EXCLUDED.total_balance;
-- target: app.reporting.account_summary
-- source: app.public.accounts
-- column: owner_id <- app.public.accounts.owner_id
-- column: total_balance <- app.public.accounts.balance

-- case: SELECT INTO creates a table
SELECT id, email INTO reporting.owner_emails FROM owners WHERE email LIKE '%@example.com';
-- target: app.reporting.owner_emails
-- source: app.public.owners
-- column: id <- app.public.owners.id
-- column: email <- app.public.owners.email

-- case: SELECT INTO TEMP
SELECT id, balance INTO TEMP rich_accounts FROM accounts WHERE balance > 1000000;
-- target: app.public.rich_accounts temporary
-- source: app.public.accounts
-- column: id <- app.public.accounts.id
-- column: balance <- app.public.accounts.balance

-- case: CREATE TEMP TABLE
CREATE TEMP TABLE tmp_owners AS SELECT id, full_name FROM owners;
-- target: app.public.tmp_owners temporary
-- source: app.public.owners
-- column: id <- app.public.owners.id
-- column: full_name <- app.public.owners.full_name

-- case: UPDATE ... FROM
UPDATE accounts a SET balance = a.balance + t.amount FROM ledger.transfers t WHERE t.account_id = a.id;
-- target: app.public.accounts
-- source: app.ledger.transfers
-- column: balance <- app.public.accounts.balance, app.ledger.transfers.amount

-- case: DELETE ... USING
DELETE FROM accounts USING owners WHERE accounts.owner_id = owners.id AND owners.email IS NULL;
-- target: app.public.accounts
-- source: app.public.owners

-- case: MERGE (PostgreSQL 15)
MERGE INTO reporting.account_summary s
USING (SELECT owner_id, COUNT(*) AS n, SUM(balance) AS b FROM accounts GROUP BY owner_id) a
ON s.owner_id = a.owner_id
WHEN MATCHED THEN UPDATE SET accounts = a.n, total_balance = a.b
WHEN NOT MATCHED THEN INSERT (owner_id, accounts, total_balance) VALUES (a.owner_id, a.n, a.b);
-- target: app.reporting.account_summary
-- source: app.public.accounts
-- column: total_balance <- app.public.accounts.balance
-- column: owner_id <- app.public.accounts.owner_id

-- case: materialized view with star via catalog
CREATE MATERIALIZED VIEW reporting.mv_owners AS SELECT * FROM owners;
-- target: app.reporting.mv_owners
-- source: app.public.owners
-- column: id <- app.public.owners.id
-- column: full_name <- app.public.owners.full_name
-- column: email <- app.public.owners.email

-- case: view with CTE and lateral join
CREATE OR REPLACE VIEW reporting.v_latest_account AS
WITH o AS (SELECT id, full_name FROM owners)
SELECT o.full_name, la.balance
FROM o CROSS JOIN LATERAL (SELECT balance FROM accounts a WHERE a.owner_id = o.id ORDER BY opened_on DESC LIMIT 1) la;
-- target: app.reporting.v_latest_account
-- source: app.public.owners
-- source: app.public.accounts
-- column: full_name <- app.public.owners.full_name
-- column: balance <- app.public.accounts.balance

-- case: recursive CTE
CREATE TABLE reporting.org_tree AS
WITH RECURSIVE tree AS (
  SELECT id, manager_id, 1 AS depth FROM hr.employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.id, e.manager_id, t.depth + 1 FROM hr.employees e JOIN tree t ON e.manager_id = t.id
)
SELECT id, manager_id, depth FROM tree;
-- target: app.reporting.org_tree
-- source: app.hr.employees
-- column: id <- app.hr.employees.id
-- column: manager_id <- app.hr.employees.manager_id

-- case: COPY FROM a file
COPY accounts (id, owner_id, balance) FROM '/data/accounts.csv' WITH (FORMAT csv);
-- none

-- case: COPY TO stdout reads only
COPY (SELECT * FROM accounts) TO STDOUT WITH CSV;
-- none

-- case: CREATE TABLE LIKE
CREATE TABLE accounts_archive (LIKE accounts INCLUDING ALL);
-- target: app.public.accounts_archive
-- source: app.public.accounts

-- case: casts with :: and functions
CREATE TABLE reporting.balances_text AS SELECT id::text AS id_text, to_char(balance, '999G999') AS pretty, COALESCE(opened_on, now())::date AS opened FROM accounts;
-- target: app.reporting.balances_text
-- source: app.public.accounts
-- column: id_text <- app.public.accounts.id
-- column: pretty <- app.public.accounts.balance
-- column: opened <- app.public.accounts.opened_on

-- case: INTERSECT
INSERT INTO reporting.shared_ids (id) SELECT id FROM owners INTERSECT SELECT owner_id FROM accounts;
-- target: app.reporting.shared_ids
-- source: app.public.owners
-- source: app.public.accounts
-- column: id <- app.public.owners.id, app.public.accounts.owner_id

-- case: dollar-quoted function body is not lineage
CREATE FUNCTION f() RETURNS void AS $$ INSERT INTO x SELECT * FROM y; $$ LANGUAGE sql;
-- none

-- case: INSERT VALUES with RETURNING
INSERT INTO owners (full_name, email) VALUES ('A', 'a@example.com') RETURNING id;
-- none

-- case: DISTINCT ON
CREATE TABLE reporting.first_accounts AS SELECT DISTINCT ON (owner_id) owner_id, id FROM accounts ORDER BY owner_id, opened_on;
-- target: app.reporting.first_accounts
-- source: app.public.accounts
-- column: owner_id <- app.public.accounts.owner_id
-- column: id <- app.public.accounts.id

-- case: aggregate FILTER and string_agg
CREATE TABLE reporting.owner_stats AS SELECT owner_id, COUNT(*) FILTER (WHERE balance < 0) AS overdrawn, string_agg(id::text, ',') AS ids FROM accounts GROUP BY owner_id;
-- target: app.reporting.owner_stats
-- source: app.public.accounts
-- column: owner_id <- app.public.accounts.owner_id
-- column: overdrawn <- app.public.accounts.balance
-- column: ids <- app.public.accounts.id

-- case: UPDATE with correlated subquery
UPDATE owners SET email = (SELECT MAX(c.email) FROM crm.contacts c WHERE c.owner_id = owners.id) WHERE email IS NULL;
-- target: app.public.owners
-- source: app.crm.contacts
-- column: email <- app.crm.contacts.email

-- case: read-only with CTE
WITH x AS (SELECT * FROM accounts) SELECT COUNT(*) FROM x;
-- none

-- case: generate_series is not a table
CREATE TABLE reporting.calendar AS SELECT d::date AS day FROM generate_series('2024-01-01'::date, '2024-12-31', interval '1 day') AS g(d);
-- none
