-- ANSI: statements in the shapes generic ETL tools and migrations emit (Teradata-style DDL,
-- standard MERGE, reporting views). Unquoted identifiers fold to upper case.
-- @defaults DW CORE
-- @catalog DW.CORE.ACCOUNTS: ACCOUNT_ID, OWNER, OPENED_ON, BALANCE
-- @catalog DW.CORE.TRANSACTIONS: TX_ID, ACCOUNT_ID, AMOUNT, BOOKED_AT

-- case: Teradata-style CTAS WITH DATA and a PRIMARY INDEX
create table dw.mart.account_balances as (
  select a.account_id, a.owner, sum(t.amount) as movement from dw.core.accounts a join dw.core.transactions t on t.account_id = a.account_id group by a.account_id, a.owner
) with data primary index (account_id);
-- target: DW.MART.ACCOUNT_BALANCES
-- source: DW.CORE.ACCOUNTS
-- source: DW.CORE.TRANSACTIONS
-- column: ACCOUNT_ID <- DW.CORE.ACCOUNTS.ACCOUNT_ID
-- column: OWNER <- DW.CORE.ACCOUNTS.OWNER
-- column: MOVEMENT <- DW.CORE.TRANSACTIONS.AMOUNT

-- case: CTAS WITH NO DATA keeps the query's shape
create table dw.mart.tx_shape as (select tx_id, amount from dw.core.transactions) with no data;
-- target: DW.MART.TX_SHAPE
-- source: DW.CORE.TRANSACTIONS
-- column: TX_ID <- DW.CORE.TRANSACTIONS.TX_ID
-- column: AMOUNT <- DW.CORE.TRANSACTIONS.AMOUNT

-- case: standard MERGE with a derived source
merge into dw.mart.account_balances b
using (select account_id, sum(amount) as delta from dw.core.transactions where booked_at >= current_date group by account_id) d
on b.account_id = d.account_id
when matched then update set movement = b.movement + d.delta
when not matched then insert (account_id, movement) values (d.account_id, d.delta);
-- target: DW.MART.ACCOUNT_BALANCES
-- source: DW.CORE.TRANSACTIONS
-- column: MOVEMENT <- DW.MART.ACCOUNT_BALANCES.MOVEMENT, DW.CORE.TRANSACTIONS.AMOUNT
-- column: ACCOUNT_ID <- DW.CORE.TRANSACTIONS.ACCOUNT_ID

-- case: view with a column list over a UNION ALL
create view dw.mart.v_parties (party_id, party_name) as
select account_id, owner from dw.core.accounts union all select tx_id, cast(null as varchar(10)) from dw.core.transactions;
-- target: DW.MART.V_PARTIES
-- source: DW.CORE.ACCOUNTS
-- source: DW.CORE.TRANSACTIONS
-- column: PARTY_ID <- DW.CORE.ACCOUNTS.ACCOUNT_ID, DW.CORE.TRANSACTIONS.TX_ID
-- column: PARTY_NAME <- DW.CORE.ACCOUNTS.OWNER

-- case: INSERT with a CTE and no column list maps by position through the catalog
insert into dw.core.accounts
with fresh as (select id, holder, created, 0 as bal from dw.landing.new_accounts)
select id, holder, created, bal from fresh;
-- target: DW.CORE.ACCOUNTS
-- source: DW.LANDING.NEW_ACCOUNTS
-- column: ACCOUNT_ID <- DW.LANDING.NEW_ACCOUNTS.ID
-- column: OWNER <- DW.LANDING.NEW_ACCOUNTS.HOLDER
-- column: OPENED_ON <- DW.LANDING.NEW_ACCOUNTS.CREATED

-- case: recursive CTE in a view
create view dw.mart.v_account_tree as
with recursive tree (account_id, parent_id, depth) as (
  select account_id, parent_id, 0 from dw.core.account_links where parent_id is null
  union all
  select l.account_id, l.parent_id, tree.depth + 1 from dw.core.account_links l join tree on l.parent_id = tree.account_id
)
select account_id, depth from tree;
-- target: DW.MART.V_ACCOUNT_TREE
-- source: DW.CORE.ACCOUNT_LINKS
-- column: ACCOUNT_ID <- DW.CORE.ACCOUNT_LINKS.ACCOUNT_ID

-- case: ETL script: work table created, filled, read and dropped
-- script
create table dw.work.tx_today (tx_id integer, account_id integer, amount decimal(12,2));
insert into dw.work.tx_today (tx_id, account_id, amount) select tx_id, account_id, amount from dw.core.transactions where booked_at >= current_date;
insert into dw.mart.daily_movement (account_id, amount) select account_id, sum(amount) from dw.work.tx_today group by account_id;
drop table dw.work.tx_today;
-- target: DW.MART.DAILY_MOVEMENT
-- source: DW.CORE.TRANSACTIONS
-- column: ACCOUNT_ID <- DW.CORE.TRANSACTIONS.ACCOUNT_ID
-- column: AMOUNT <- DW.CORE.TRANSACTIONS.AMOUNT

-- case: global temporary table in a script collapses
-- script
create global temporary table gtt_owners as select account_id, owner from dw.core.accounts;
insert into dw.mart.owner_list (owner) select distinct owner from gtt_owners;
-- target: DW.MART.OWNER_LIST
-- source: DW.CORE.ACCOUNTS
-- column: OWNER <- DW.CORE.ACCOUNTS.OWNER

-- case: rename after a load re-targets the lineage
-- script
create table dw.mart.accounts_load as select account_id, balance from dw.core.accounts;
alter table dw.mart.accounts_load rename to dw.mart.accounts_current;
-- target: DW.MART.ACCOUNTS_CURRENT
-- source: DW.CORE.ACCOUNTS
-- column: ACCOUNT_ID <- DW.CORE.ACCOUNTS.ACCOUNT_ID
-- column: BALANCE <- DW.CORE.ACCOUNTS.BALANCE

-- case: reporting SELECT with quoted aliases wrapped as a view
create view dw.mart.v_report as select owner as "Owner", balance as "Balance" from dw.core.accounts;
-- target: DW.MART.V_REPORT
-- source: DW.CORE.ACCOUNTS
-- column: Owner <- DW.CORE.ACCOUNTS.OWNER
-- column: Balance <- DW.CORE.ACCOUNTS.BALANCE

-- case: UPDATE with a correlated subquery
update dw.core.accounts a set balance = (select sum(t.amount) from dw.core.transactions t where t.account_id = a.account_id);
-- target: DW.CORE.ACCOUNTS
-- source: DW.CORE.TRANSACTIONS
-- column: BALANCE <- DW.CORE.TRANSACTIONS.AMOUNT

-- case: DELETE with a subquery: which rows remain depends on the other table
delete from dw.core.accounts where account_id in (select account_id from dw.landing.closed_accounts);
-- target: DW.CORE.ACCOUNTS
-- source: DW.LANDING.CLOSED_ACCOUNTS

-- case: unqualified name completed by the catalog when the schema is unknown
-- defaults: DW -
create table dw.mart.big_tx as select tx_id from transactions where amount > 10000;
-- target: DW.MART.BIG_TX
-- source: DW.CORE.TRANSACTIONS
-- column: TX_ID <- DW.CORE.TRANSACTIONS.TX_ID

-- case: CASE expression reads its condition and results
create table dw.mart.tx_class as select tx_id, case when amount < 0 then 'debit' when amount > 0 then 'credit' else 'zero' end as kind from dw.core.transactions;
-- target: DW.MART.TX_CLASS
-- source: DW.CORE.TRANSACTIONS
-- column: TX_ID <- DW.CORE.TRANSACTIONS.TX_ID
-- column: KIND <- DW.CORE.TRANSACTIONS.AMOUNT

-- case: a common table expression named data is not WITH DATA
create table dw.mart.positive_tx as with data as (select tx_id, amount from dw.core.transactions) select tx_id from data where amount > 0;
-- target: DW.MART.POSITIVE_TX
-- source: DW.CORE.TRANSACTIONS
-- column: TX_ID <- DW.CORE.TRANSACTIONS.TX_ID
