-- MySQL / MariaDB: statements in the shapes real statement history and view definitions hold
-- (ORM-generated SQL, ELT loaders, BI tools, migration scripts). A database is a schema.
-- @defaults shop shop
-- @catalog shop.shop.orders: id, customer_id, total, created_at
-- @catalog shop.shop.customers: id, name, email, country
-- @catalog shop.shop.daily_sales: sale_day, orders, revenue

-- case: CREATE TABLE ... SELECT without AS
create table shop.order_copy select id, total from shop.orders;
-- target: shop.shop.order_copy
-- source: shop.shop.orders
-- column: id <- shop.shop.orders.id
-- column: total <- shop.shop.orders.total

-- case: CREATE TABLE with column definitions then SELECT (no AS)
create table report.customer_countries (id int primary key, country varchar(2)) select id, country from shop.customers;
-- target: report.report.customer_countries
-- source: shop.shop.customers
-- column: id <- shop.shop.customers.id
-- column: country <- shop.shop.customers.country

-- case: CREATE TABLE IGNORE SELECT
create table report.unique_emails ignore select email from shop.customers;
-- target: report.report.unique_emails
-- source: shop.shop.customers
-- column: email <- shop.shop.customers.email

-- case: double-quoted alias is the column name
create view report.v_country_counts as select country as "Country", count(*) as "Customers" from shop.customers group by country;
-- target: report.report.v_country_counts
-- source: shop.shop.customers
-- column: Country <- shop.shop.customers.country

-- case: single-quoted alias is the column name
create view report.v_totals as select customer_id as 'Customer', sum(total) as 'Total' from shop.orders group by customer_id;
-- target: report.report.v_totals
-- source: shop.shop.orders
-- column: Customer <- shop.shop.orders.customer_id
-- column: Total <- shop.shop.orders.total

-- case: view definition as SHOW CREATE VIEW prints it
CREATE ALGORITHM=UNDEFINED DEFINER=`app`@`%` SQL SECURITY DEFINER VIEW `report`.`v_orders` AS select `o`.`id` AS `id`,`c`.`name` AS `name`,`o`.`total` AS `total` from (`shop`.`orders` `o` join `shop`.`customers` `c` on((`c`.`id` = `o`.`customer_id`)));
-- target: report.report.v_orders
-- source: shop.shop.orders
-- source: shop.shop.customers
-- column: id <- shop.shop.orders.id
-- column: name <- shop.shop.customers.name
-- column: total <- shop.shop.orders.total

-- case: INSERT without a column list maps by position through the catalog
insert into daily_sales select date(created_at), count(id), sum(total) from orders group by date(created_at);
-- target: shop.shop.daily_sales
-- source: shop.shop.orders
-- column: sale_day <- shop.shop.orders.created_at
-- column: orders <- shop.shop.orders.id
-- column: revenue <- shop.shop.orders.total

-- case: upsert with ON DUPLICATE KEY UPDATE
insert into report.customer_spend (customer_id, spent) select customer_id, sum(total) from shop.orders group by customer_id
on duplicate key update spent = values(spent);
-- target: report.report.customer_spend
-- source: shop.shop.orders
-- column: customer_id <- shop.shop.orders.customer_id
-- column: spent <- shop.shop.orders.total

-- case: REPLACE INTO ... SELECT
replace into report.customer_names (id, name) select id, name from shop.customers;
-- target: report.report.customer_names
-- source: shop.shop.customers
-- column: id <- shop.shop.customers.id
-- column: name <- shop.shop.customers.name

-- case: RENAME TABLE swap of a rebuilt table (script)
-- script
create table report.daily_new as select date(created_at) as day, sum(total) as revenue from shop.orders group by 1;
rename table report.daily to report.daily_old, report.daily_new to report.daily;
drop table report.daily_old;
-- target: report.report.daily
-- source: shop.shop.orders
-- column: day <- shop.shop.orders.created_at
-- column: revenue <- shop.shop.orders.total

-- case: temporary table in a migration script collapses
-- script
create temporary table tmp_big as select customer_id, total from shop.orders where total > 1000;
insert into report.big_spenders (customer_id, biggest) select customer_id, max(total) from tmp_big group by customer_id;
drop temporary table tmp_big;
-- target: report.report.big_spenders
-- source: shop.shop.orders
-- column: customer_id <- shop.shop.orders.customer_id
-- column: biggest <- shop.shop.orders.total

-- case: multi-table UPDATE with a join
update report.customer_spend s join shop.customers c on c.id = s.customer_id set s.country = c.country;
-- target: report.report.customer_spend
-- source: shop.shop.customers
-- column: country <- shop.shop.customers.country

-- case: ALTER TABLE RENAME TO after a write
-- script
insert into report.stage_orders (id, total) select id, total from shop.orders;
alter table report.stage_orders rename to report.final_orders;
-- target: report.report.final_orders
-- source: shop.shop.orders
-- column: id <- shop.shop.orders.id
-- column: total <- shop.shop.orders.total

-- case: BI SELECT with backticks and a derived table, wrapped as a view
create view report.v_top_countries as select t.`country`, t.`n` from (select country, count(*) as n from shop.customers group by country) t order by t.n desc limit 5;
-- target: report.report.v_top_countries
-- source: shop.shop.customers
-- column: country <- shop.shop.customers.country

-- case: JSON extraction maps to the top-level column
create table report.event_users as select json_unquote(json_extract(payload, '$.user.id')) as user_id, payload->>'$.device' as device from shop.events;
-- target: report.report.event_users
-- source: shop.shop.events
-- column: user_id <- shop.shop.events.payload
-- column: device <- shop.shop.events.payload

-- case: SELECT INTO a variable writes nothing
select max(total) into @biggest from shop.orders;
-- none

-- case: INSERT IGNORE ... SELECT with a join
insert ignore into report.customer_orders (customer, total) select c.name, o.total from shop.orders o join shop.customers c on c.id = o.customer_id;
-- target: report.report.customer_orders
-- source: shop.shop.orders
-- source: shop.shop.customers
-- column: customer <- shop.shop.customers.name
-- column: total <- shop.shop.orders.total
