-- ANSI SQL lineage corpus. Unquoted identifiers fold to upper case (SQL standard).
-- @defaults DW CORE
-- @catalog DW.CORE.EMPLOYEES: EMP_ID, DEPT_ID, SALARY, HIRED_ON
-- @catalog DW.CORE.DEPARTMENTS: DEPT_ID, DEPT_NAME

-- case: CTAS with join
CREATE TABLE mart.dept_payroll AS
SELECT d.dept_name, SUM(e.salary) AS payroll FROM core.employees e JOIN core.departments d ON d.dept_id = e.dept_id GROUP BY d.dept_name;
-- target: DW.MART.DEPT_PAYROLL
-- source: DW.CORE.EMPLOYEES
-- source: DW.CORE.DEPARTMENTS
-- column: DEPT_NAME <- DW.CORE.DEPARTMENTS.DEPT_NAME
-- column: PAYROLL <- DW.CORE.EMPLOYEES.SALARY

-- case: INSERT with column list and CASE
INSERT INTO mart.salary_bands (emp_id, band)
SELECT emp_id, CASE WHEN salary > 100000 THEN 'A' ELSE 'B' END FROM employees;
-- target: DW.MART.SALARY_BANDS
-- source: DW.CORE.EMPLOYEES
-- column: EMP_ID <- DW.CORE.EMPLOYEES.EMP_ID
-- column: BAND <- DW.CORE.EMPLOYEES.SALARY

-- case: quoted identifiers kept
CREATE VIEW "Mart"."v_Depts" AS SELECT "DEPT_ID", dept_name AS "Name" FROM departments;
-- target: DW.Mart.v_Depts
-- source: DW.CORE.DEPARTMENTS
-- column: DEPT_ID <- DW.CORE.DEPARTMENTS.DEPT_ID
-- column: Name <- DW.CORE.DEPARTMENTS.DEPT_NAME

-- case: MERGE
MERGE INTO core.employees t USING staging.emp_updates s ON t.emp_id = s.emp_id
WHEN MATCHED THEN UPDATE SET salary = s.salary
WHEN NOT MATCHED THEN INSERT (emp_id, dept_id, salary, hired_on) VALUES (s.emp_id, s.dept_id, s.salary, CURRENT_DATE);
-- target: DW.CORE.EMPLOYEES
-- source: DW.STAGING.EMP_UPDATES
-- column: SALARY <- DW.STAGING.EMP_UPDATES.SALARY
-- column: EMP_ID <- DW.STAGING.EMP_UPDATES.EMP_ID
-- column: DEPT_ID <- DW.STAGING.EMP_UPDATES.DEPT_ID

-- case: UPDATE with scalar subquery
UPDATE core.departments SET dept_name = (SELECT MAX(n.new_name) FROM staging.renames n WHERE n.dept_id = departments.dept_id);
-- target: DW.CORE.DEPARTMENTS
-- source: DW.STAGING.RENAMES
-- column: DEPT_NAME <- DW.STAGING.RENAMES.NEW_NAME

-- case: DELETE with EXISTS
DELETE FROM core.employees WHERE EXISTS (SELECT 1 FROM staging.leavers l WHERE l.emp_id = employees.emp_id);
-- target: DW.CORE.EMPLOYEES
-- source: DW.STAGING.LEAVERS

-- case: set operations
INSERT INTO mart.ids (id) SELECT emp_id FROM employees EXCEPT SELECT emp_id FROM staging.leavers;
-- target: DW.MART.IDS
-- source: DW.CORE.EMPLOYEES
-- source: DW.STAGING.LEAVERS
-- column: ID <- DW.CORE.EMPLOYEES.EMP_ID, DW.STAGING.LEAVERS.EMP_ID

-- case: nested CTEs
CREATE TABLE mart.senior AS
WITH a AS (SELECT emp_id, hired_on FROM employees), b AS (SELECT emp_id FROM a WHERE hired_on < DATE '2015-01-01')
SELECT emp_id FROM b;
-- target: DW.MART.SENIOR
-- source: DW.CORE.EMPLOYEES
-- column: EMP_ID <- DW.CORE.EMPLOYEES.EMP_ID

-- case: star with the catalog and a derived table
CREATE TABLE mart.depts_copy AS SELECT x.* FROM (SELECT * FROM departments) x;
-- target: DW.MART.DEPTS_COPY
-- source: DW.CORE.DEPARTMENTS
-- column: DEPT_ID <- DW.CORE.DEPARTMENTS.DEPT_ID
-- column: DEPT_NAME <- DW.CORE.DEPARTMENTS.DEPT_NAME

-- case: INSERT VALUES
INSERT INTO core.departments VALUES (1, 'Sales');
-- none

-- case: read-only
SELECT * FROM core.employees FETCH FIRST 10 ROWS ONLY;
-- none

-- case: CAST and arithmetic
CREATE TABLE mart.monthly_salary AS SELECT emp_id, CAST(salary / 12 AS DECIMAL(10,2)) AS monthly FROM employees;
-- target: DW.MART.MONTHLY_SALARY
-- source: DW.CORE.EMPLOYEES
-- column: EMP_ID <- DW.CORE.EMPLOYEES.EMP_ID
-- column: MONTHLY <- DW.CORE.EMPLOYEES.SALARY

-- case: derived column aliases
CREATE TABLE mart.pairs AS SELECT p.a, p.b FROM (SELECT emp_id, dept_id FROM employees) AS p (a, b);
-- target: DW.MART.PAIRS
-- source: DW.CORE.EMPLOYEES
-- column: A <- DW.CORE.EMPLOYEES.EMP_ID
-- column: B <- DW.CORE.EMPLOYEES.DEPT_ID

-- case: correlated subquery in WHERE
CREATE TABLE mart.top_earners AS SELECT e.emp_id FROM employees e WHERE e.salary > (SELECT AVG(x.salary) FROM employees x WHERE x.dept_id = e.dept_id);
-- target: DW.MART.TOP_EARNERS
-- source: DW.CORE.EMPLOYEES
-- column: EMP_ID <- DW.CORE.EMPLOYEES.EMP_ID

-- case: CREATE TABLE with column definitions and no query
CREATE TABLE core.audit (id INTEGER, note VARCHAR(100));
-- none
