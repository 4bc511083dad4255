-- T-SQL (SQL Server, Azure SQL, Synapse) lineage corpus. Names are kept as written (the default
-- collation is case-insensitive); [brackets] and "double quotes" both delimit identifiers; an
-- unqualified name is in the default schema dbo. View definitions come from sys.sql_modules as
-- the whole CREATE VIEW statement, usually bracketed as SSMS scripts them.
-- @defaults sales dbo
-- @catalog sales.dbo.orders: order_id, customer_id, amount, status
-- @catalog sales.dbo.customers: customer_id, name, region

-- case: bracketed view as sys.sql_modules keeps it
CREATE VIEW [dbo].[v_open_orders] AS SELECT [o].[order_id], [o].[amount] FROM [dbo].[orders] AS [o] WHERE [o].[status] = N'open';
-- target: sales.dbo.v_open_orders
-- source: sales.dbo.orders
-- column: order_id <- sales.dbo.orders.order_id
-- column: amount <- sales.dbo.orders.amount

-- case: bracketed names with a closing bracket, a space and a reserved word
CREATE VIEW [mart].[Order ]]Totals] AS SELECT c.[region], SUM(o.amount) AS [select] FROM orders o JOIN [dbo].[customers] c ON c.customer_id = o.customer_id GROUP BY c.[region];
-- target: sales.mart."Order ]Totals"
-- source: sales.dbo.orders
-- source: sales.dbo.customers
-- column: region <- sales.dbo.customers.region
-- column: select <- sales.dbo.orders.amount

-- case: SELECT INTO a new table
SELECT customer_id, COUNT(*) AS orders INTO [mart].[customer_orders] FROM dbo.orders GROUP BY customer_id;
-- target: sales.mart.customer_orders
-- source: sales.dbo.orders
-- column: customer_id <- sales.dbo.orders.customer_id

-- case: three-part name of another database
INSERT INTO [warehouse].[dbo].[daily] (customer_id, amount) SELECT customer_id, amount FROM [sales].[dbo].[orders];
-- target: warehouse.dbo.daily
-- source: sales.dbo.orders
-- column: customer_id <- sales.dbo.orders.customer_id
-- column: amount <- sales.dbo.orders.amount

-- case: CREATE OR ALTER VIEW WITH SCHEMABINDING
CREATE OR ALTER VIEW dbo.v_customers WITH SCHEMABINDING, VIEW_METADATA AS SELECT customer_id, name FROM dbo.customers;
-- target: sales.dbo.v_customers
-- source: sales.dbo.customers
-- column: customer_id <- sales.dbo.customers.customer_id
-- column: name <- sales.dbo.customers.name

-- case: temporary table resolved through
-- script
SELECT order_id, amount INTO #big FROM dbo.orders WHERE amount > 100;
INSERT INTO mart.big_orders (order_id, amount) SELECT order_id, amount FROM #big;
-- target: sales.mart.big_orders
-- source: sales.dbo.orders
-- column: order_id <- sales.dbo.orders.order_id
-- column: amount <- sales.dbo.orders.amount

-- case: parameterised text as Query Store keeps a prepared statement
(@P0 int,@P1 nvarchar(4000))INSERT INTO mart.order_notes (order_id, status) SELECT o.order_id, o.status FROM dbo.orders o WHERE o.amount > @P0 AND o.status <> @P1;
-- target: sales.mart.order_notes
-- source: sales.dbo.orders
-- column: order_id <- sales.dbo.orders.order_id
-- column: status <- sales.dbo.orders.status
