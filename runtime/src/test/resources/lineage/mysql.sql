-- MySQL lineage corpus. A database is a schema (database = schema); table names are kept as
-- written (their case sensitivity depends on lower_case_table_names).
-- @defaults shop shop
-- @catalog shop.shop.products: id, sku, title, price
-- @catalog shop.shop.order_lines: order_id, product_id, qty, unit_price

-- case: INSERT ... SELECT with backticks
INSERT INTO `reporting`.`product_sales` (product_id, revenue)
SELECT ol.product_id, SUM(ol.qty * ol.unit_price) FROM `order_lines` ol GROUP BY ol.product_id;
-- target: reporting.reporting.product_sales
-- source: shop.shop.order_lines
-- column: product_id <- shop.shop.order_lines.product_id
-- column: revenue <- shop.shop.order_lines.qty, shop.shop.order_lines.unit_price

-- case: CTAS across databases
CREATE TABLE reporting.price_list AS SELECT sku, title, price FROM shop.products;
-- target: reporting.reporting.price_list
-- source: shop.shop.products
-- column: sku <- shop.shop.products.sku
-- column: title <- shop.shop.products.title
-- column: price <- shop.shop.products.price

-- case: names keep their case
CREATE TABLE Reporting.TopProducts AS SELECT Id, Title FROM Products;
-- target: Reporting.Reporting.TopProducts
-- source: shop.shop.Products
-- column: Id <- shop.shop.Products.Id
-- column: Title <- shop.shop.Products.Title

-- case: REPLACE INTO ... SELECT
REPLACE INTO reporting.price_list (sku, title, price) SELECT sku, title, price * 1.2 FROM products;
-- target: reporting.reporting.price_list
-- source: shop.shop.products
-- column: sku <- shop.shop.products.sku
-- column: title <- shop.shop.products.title
-- column: price <- shop.shop.products.price

-- case: INSERT ... ON DUPLICATE KEY UPDATE
INSERT INTO reporting.product_sales (product_id, revenue) SELECT product_id, SUM(qty) FROM order_lines GROUP BY product_id ON DUPLICATE KEY UPDATE revenue = VALUES(revenue);
-- target: reporting.reporting.product_sales
-- source: shop.shop.order_lines
-- column: product_id <- shop.shop.order_lines.product_id
-- column: revenue <- shop.shop.order_lines.qty

-- case: multi-table UPDATE with JOIN
UPDATE products p JOIN staging.price_updates u ON u.sku = p.sku SET p.price = u.new_price;
-- target: shop.shop.products
-- source: staging.staging.price_updates
-- column: price <- staging.staging.price_updates.new_price

-- case: multi-table DELETE with JOIN
DELETE ol FROM order_lines ol JOIN staging.cancelled c ON c.order_id = ol.order_id;
-- target: shop.shop.order_lines
-- source: staging.staging.cancelled

-- case: CREATE TABLE LIKE
CREATE TABLE archive.products LIKE shop.products;
-- target: archive.archive.products
-- source: shop.shop.products

-- case: INSERT VALUES gives no edge
INSERT INTO products (sku, title, price) VALUES ('A1', 'Apple', 1.00);
-- none

-- case: double-quoted strings are literals
CREATE TABLE reporting.cheap AS SELECT id, CONCAT(title, " (cheap)") AS label FROM products WHERE price < 5 AND title <> "x.y";
-- target: reporting.reporting.cheap
-- source: shop.shop.products
-- column: id <- shop.shop.products.id
-- column: label <- shop.shop.products.title

-- case: IF and IFNULL with join and catalog
CREATE TABLE reporting.line_values AS
SELECT order_id, title, IFNULL(qty, 0) * IF(unit_price > 0, unit_price, price) AS line_value
FROM order_lines JOIN products ON products.id = order_lines.product_id;
-- target: reporting.reporting.line_values
-- source: shop.shop.order_lines
-- source: shop.shop.products
-- column: order_id <- shop.shop.order_lines.order_id
-- column: title <- shop.shop.products.title
-- column: line_value <- shop.shop.order_lines.qty, shop.shop.order_lines.unit_price, shop.shop.products.price

-- case: view
CREATE OR REPLACE VIEW reporting.v_products AS SELECT id, title FROM shop.products;
-- target: reporting.reporting.v_products
-- source: shop.shop.products
-- column: id <- shop.shop.products.id
-- column: title <- shop.shop.products.title

-- case: SELECT INTO variables is not lineage
SELECT COUNT(*) INTO @n FROM products;
-- none

-- case: CTE (MySQL 8)
INSERT INTO reporting.product_sales (product_id, revenue)
WITH s AS (SELECT product_id, SUM(qty * unit_price) AS r FROM order_lines GROUP BY product_id)
SELECT product_id, r FROM s;
-- target: reporting.reporting.product_sales
-- source: shop.shop.order_lines
-- column: product_id <- shop.shop.order_lines.product_id
-- column: revenue <- shop.shop.order_lines.qty, shop.shop.order_lines.unit_price

-- case: UNION
CREATE TABLE reporting.all_skus AS SELECT sku FROM products UNION SELECT sku FROM archive.products;
-- target: reporting.reporting.all_skus
-- source: shop.shop.products
-- source: archive.archive.products
-- column: sku <- shop.shop.products.sku, archive.archive.products.sku

-- case: temporary table
CREATE TEMPORARY TABLE tmp_lines AS SELECT order_id, qty FROM order_lines;
-- target: shop.shop.tmp_lines temporary
-- source: shop.shop.order_lines
-- column: order_id <- shop.shop.order_lines.order_id
-- column: qty <- shop.shop.order_lines.qty

-- case: derived table with GROUP_CONCAT
CREATE TABLE reporting.order_skus AS
SELECT x.order_id, x.skus FROM (SELECT ol.order_id, GROUP_CONCAT(p.sku) AS skus FROM order_lines ol JOIN products p ON p.id = ol.product_id GROUP BY ol.order_id) x;
-- target: reporting.reporting.order_skus
-- source: shop.shop.order_lines
-- source: shop.shop.products
-- column: order_id <- shop.shop.order_lines.order_id
-- column: skus <- shop.shop.products.sku

-- case: SHOW is not lineage
SHOW TABLES FROM shop;
-- none

-- case: hash comment is a comment
CREATE TABLE reporting.skus AS SELECT sku FROM products # FROM fake.table
;
-- target: reporting.reporting.skus
-- source: shop.shop.products
-- column: sku <- shop.shop.products.sku

-- case: UPDATE with IN subquery
UPDATE products SET price = price * 0.9 WHERE id IN (SELECT product_id FROM staging.discounted);
-- target: shop.shop.products
-- source: staging.staging.discounted
-- column: price <- shop.shop.products.price
