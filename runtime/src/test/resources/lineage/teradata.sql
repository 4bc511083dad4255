-- Teradata lineage corpus. Databases (and users) hold tables directly: Db.Table is database =
-- schema = Db. Names are not case-specific and are kept as written; double quotes delimit
-- identifiers. The statements are shaped like DBQL's SQL text (QryLogSQLV rows joined in order):
-- the request as the client sent it, with its LOCKING modifiers and abbreviations.
-- @defaults Sales Sales
-- @catalog Sales.Sales.Orders: OrderId, CustId, Amount, Placed, Note
-- @catalog Sales.Sales.Customers: CustId, Name, Region
-- @catalog Mart.Mart.Daily: OrderDate, Total
-- @catalog Mart.Mart.Totals: CustId, Amt

-- case: LOCKING ROW FOR ACCESS with INS and SEL
LOCKING ROW FOR ACCESS
INS INTO Mart.Daily (OrderDate, Total)
SEL CAST(Placed AS DATE), SUM(Amount) FROM Sales.Orders GROUP BY 1;
-- target: Mart.Mart.Daily
-- source: Sales.Sales.Orders
-- column: OrderDate <- Sales.Sales.Orders.Placed
-- column: Total <- Sales.Sales.Orders.Amount

-- case: several LOCKING modifiers on named objects, and an old-style join
LOCK TABLE Sales.Orders FOR ACCESS
LOCKING Sales.Customers IN READ MODE NOWAIT
INSERT INTO Mart.Totals SELECT c.CustId, SUM(o.Amount) FROM Sales.Orders o, Sales.Customers c
WHERE o.CustId = c.CustId GROUP BY 1;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- source: Sales.Sales.Customers
-- column: CustId <- Sales.Sales.Customers.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: a request of LOCKING modifiers only locks
LOCKING TABLE Sales.Orders FOR EXCLUSIVE;
-- none

-- case: LOCKING before a SELECT yields nothing
LOCKING ROW FOR ACCESS SEL * FROM Sales.Orders WHERE Amount > 10;
-- none

-- case: volatile MULTISET table AS (query) WITH DATA, PRIMARY INDEX, ON COMMIT PRESERVE ROWS
CREATE MULTISET VOLATILE TABLE vt_big, NO LOG AS (
  SELECT OrderId, Amount FROM Sales.Orders WHERE Amount > 100
) WITH DATA PRIMARY INDEX (OrderId) ON COMMIT PRESERVE ROWS;
-- target: Sales.Sales.vt_big temporary
-- source: Sales.Sales.Orders
-- column: OrderId <- Sales.Sales.Orders.OrderId
-- column: Amount <- Sales.Sales.Orders.Amount

-- case: a volatile table resolved through in a BTEQ script
-- script
CREATE VOLATILE TABLE vt_cust AS (SEL CustId, Region FROM Sales.Customers) WITH DATA ON COMMIT PRESERVE ROWS;
INS INTO Mart.Totals (CustId, Amt) SEL v.CustId, SUM(o.Amount) FROM vt_cust v JOIN Sales.Orders o ON o.CustId = v.CustId GROUP BY 1;
DROP TABLE vt_cust;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Customers
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Customers.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: CREATE SET TABLE AS another table WITH DATA copies its rows column by column
CREATE SET TABLE Mart.Orders_Copy AS Sales.Orders WITH DATA AND STATISTICS;
-- target: Mart.Mart.Orders_Copy
-- source: Sales.Sales.Orders
-- column: OrderId <- Sales.Sales.Orders.OrderId
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amount <- Sales.Sales.Orders.Amount
-- column: Placed <- Sales.Sales.Orders.Placed
-- column: Note <- Sales.Sales.Orders.Note

-- case: CT AS another table WITH NO DATA copies its definition: a table-level edge
CT Mart.Orders_Shape AS Sales.Orders WITH NO DATA;
-- target: Mart.Mart.Orders_Shape
-- source: Sales.Sales.Orders

-- case: CREATE TABLE AS (query) WITH NO DATA keeps the query's columns
CREATE TABLE Mart.Cust_Shape AS (SELECT CustId, Name FROM Sales.Customers) WITH NO DATA UNIQUE PRIMARY INDEX (CustId);
-- target: Mart.Mart.Cust_Shape
-- source: Sales.Sales.Customers
-- column: CustId <- Sales.Sales.Customers.CustId
-- column: Name <- Sales.Sales.Customers.Name

-- case: REPLACE VIEW with its own LOCKING clause
REPLACE VIEW Mart.V_Orders AS LOCKING ROW FOR ACCESS
SELECT OrderId, Amount AS OrderAmount FROM Sales.Orders;
-- target: Mart.Mart.V_Orders
-- source: Sales.Sales.Orders
-- column: OrderId <- Sales.Sales.Orders.OrderId
-- column: OrderAmount <- Sales.Sales.Orders.Amount

-- case: CV with a column list
CV Mart.V_Cust (Id, CustName) AS SEL CustId, Name FROM Sales.Customers;
-- target: Mart.Mart.V_Cust
-- source: Sales.Sales.Customers
-- column: Id <- Sales.Sales.Customers.CustId
-- column: CustName <- Sales.Sales.Customers.Name

-- case: REPLACE MACRO defines code, not data
REPLACE MACRO Mart.Load_Daily AS (INS INTO Mart.Daily SEL CAST(Placed AS DATE), Amount FROM Sales.Orders; );
-- none

-- case: QUALIFY keeps the latest order of each customer
INSERT INTO Mart.Totals (CustId, Amt)
SELECT CustId, Amount FROM Sales.Orders
QUALIFY ROW_NUMBER() OVER (PARTITION BY CustId ORDER BY Placed DESC) = 1;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: TOP n
INS INTO Mart.Totals SEL TOP 100 CustId, Amount FROM Sales.Orders ORDER BY Amount DESC;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: SAMPLE a number of rows
INSERT INTO Mart.Totals SELECT CustId, Amount FROM Sales.Orders SAMPLE 1000;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: SAMPLE fractions with replacement
INSERT INTO Mart.Totals SELECT CustId, Amount FROM Sales.Orders SAMPLE WITH REPLACEMENT .25, .25;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: MERGE INTO with a derived source
MERGE INTO Mart.Totals t
USING (SEL CustId, SUM(Amount) AS Amt FROM Sales.Orders GROUP BY 1) s
ON t.CustId = s.CustId
WHEN MATCHED THEN UPDATE SET Amt = s.Amt
WHEN NOT MATCHED THEN INSERT (CustId, Amt) VALUES (s.CustId, s.Amt);
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: UPD with a FROM list naming the target by its alias
UPD t FROM Mart.Totals t, Sales.Orders o SET Amt = o.Amount WHERE t.CustId = o.CustId;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: UPDATE with a FROM list of other tables
UPDATE Mart.Totals FROM Sales.Orders o SET Amt = o.Amount WHERE Mart.Totals.CustId = o.CustId;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: DEL ALL empties a table
DEL FROM Mart.Totals ALL;
-- none

-- case: data attributes and FORMAT phrases change no lineage
INSERT INTO Mart.Daily
SELECT CAST(Placed AS DATE FORMAT 'YYYY-MM-DD'), CAST(Amount AS FORMAT 'ZZZ,ZZ9.99') (TITLE 'Amount')
FROM Sales.Orders WHERE Placed (DATE) > DATE '2024-01-01';
-- target: Mart.Mart.Daily
-- source: Sales.Sales.Orders
-- column: OrderDate <- Sales.Sales.Orders.Placed
-- column: Total <- Sales.Sales.Orders.Amount

-- case: Teradata-style conversions x (type) and (FORMAT ...)
INSERT INTO Mart.Daily (OrderDate, Total) SELECT Placed (DATE, FORMAT 'YYYYMMDD'), Amount (DECIMAL(18,2)) FROM Sales.Orders
WHERE Note (NOT CASESPECIFIC) = 'gift' AND (NOT Amount < 0);
-- target: Mart.Mart.Daily
-- source: Sales.Sales.Orders
-- column: OrderDate <- Sales.Sales.Orders.Placed
-- column: Total <- Sales.Sales.Orders.Amount

-- case: double-quoted names with spaces keep their spelling
INSERT INTO "Mart"."Daily Totals" ("Order Date", "Total Amount") SELECT "Placed", "Amount" FROM "Sales"."Orders";
-- target: Mart.Mart."Daily Totals"
-- source: Sales.Sales.Orders
-- column: Order Date <- Sales.Sales.Orders.Placed
-- column: Total Amount <- Sales.Sales.Orders.Amount

-- case: INS without INTO and a subquery in SEL
INS Mart.Totals SEL CustId, (SEL MAX(Amount) FROM Sales.Orders o WHERE o.CustId = c.CustId) FROM Sales.Customers c;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Customers
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Customers.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: unqualified names resolve in the request's default database
INSERT INTO Daily_Stage SELECT Placed, Amount FROM Orders;
-- target: Sales.Sales.Daily_Stage
-- source: Sales.Sales.Orders

-- case: RENAME TABLE after a rebuild re-targets the lineage
-- script
CREATE TABLE Mart.Totals_New AS (SEL CustId, SUM(Amount) AS Amt FROM Sales.Orders GROUP BY 1) WITH DATA;
RENAME TABLE Mart.Totals_New TO Mart.Totals_Ready;
-- target: Mart.Mart.Totals_Ready
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: COLLECT STATISTICS has no lineage
COLLECT STATISTICS COLUMN (CustId), COLUMN (Placed) ON Mart.Totals;
-- none

-- case: BT
BT;
-- none

-- case: ET
ET;
-- none

-- case: DATABASE sets the default database
DATABASE Mart;
-- none

-- case: HELP and SHOW
HELP TABLE Mart.Totals;
-- none

-- case: INSERT VALUES has no lineage
INSERT INTO Mart.Totals VALUES (1, 10.00);
-- none

-- case: MOD and Teradata functions in a SELECT
INSERT INTO Mart.Totals (CustId, Amt) SELECT CustId, ZEROIFNULL(Amount) FROM Sales.Orders WHERE OrderId MOD 2 = 0;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount

-- case: the atomic upsert UPDATE ... ELSE INSERT ... VALUES
UPDATE Mart.Totals SET Amt = Amt + 10 WHERE CustId = 7 ELSE INSERT INTO Mart.Totals (CustId, Amt) VALUES (7, 10);
-- none

-- case: a stratified SAMPLE WHEN ... END
INSERT INTO Mart.Totals SELECT CustId, Amount FROM Sales.Orders SAMPLE WHEN Amount > 100 THEN 10 ELSE 20 END;
-- target: Mart.Mart.Totals
-- source: Sales.Sales.Orders
-- column: CustId <- Sales.Sales.Orders.CustId
-- column: Amt <- Sales.Sales.Orders.Amount
-- known-gap: JSqlParser 5.3 refuses the stratified SAMPLE WHEN ... END clause; tables recovered by the fallback
