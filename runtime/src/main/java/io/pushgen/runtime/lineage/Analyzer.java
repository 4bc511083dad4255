package io.pushgen.runtime.lineage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.create.view.TemporaryOption;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralView;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Derives lineage from one parsed statement. One instance per statement (it collects the tables
 * read while it walks the tree).
 */
final class Analyzer {
  /** Marks Databricks {@code UPDATE SET *} / {@code INSERT *} (see {@link Rewrites}). */
  static final String STAR_MARKER = "__pushgen_star__";

  /** Unquoted words JSqlParser may hand over as columns but that are values. */
  private static final Set<String> PSEUDO_COLUMNS =
      Set.of("TRUE", "FALSE", "NULL", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
          "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE", "SYSTIMESTAMP", "CURRENT_USER", "SESSION_USER",
          "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_DATABASE", "DEFAULT");

  private final Dialect dialect;
  private final Catalog catalog;
  private final Names names;
  private final Rewrites.Hints hints;
  private final LinkedHashSet<TableName> sources = new LinkedHashSet<>();
  private final Set<TableName> external = new LinkedHashSet<>();

  Analyzer(Dialect dialect, Catalog catalog, Names names, Rewrites.Hints hints) {
    this.dialect = dialect;
    this.catalog = catalog;
    this.names = names;
    this.hints = hints;
  }

  // ---------------------------------------------------------------- model of a query's output

  /** An output column; {@code starFrom != null} marks a star that could not be expanded. */
  static final class Col {
    final String name; // null when the expression has no name
    final LinkedHashSet<ColumnRef> refs;
    final List<Rel> starFrom;

    Col(String name, Set<ColumnRef> refs) {
      this.name = name;
      this.refs = new LinkedHashSet<>(refs);
      this.starFrom = null;
    }

    Col(List<Rel> starFrom) {
      this.name = null;
      this.refs = new LinkedHashSet<>();
      this.starFrom = starFrom;
    }

    Col renamed(String newName) {
      return new Col(newName, refs);
    }
  }

  record Hit(Set<ColumnRef> refs, boolean definite) {}

  /** A relation in a FROM clause: a table, a derived table or CTE, or a table function. */
  final class Rel {
    final String alias; // as matched, may be null
    final TableName table; // physical table
    final List<String> known; // its catalog columns (empty = unknown)
    final List<Col> cols; // derived relation output, or null
    final Set<ColumnRef> any; // table function: every column derives from these
    final boolean placeholder; // recursive CTE referring to itself

    Rel(String alias, TableName table, List<Col> cols, Set<ColumnRef> any, boolean placeholder) {
      this.alias = alias;
      this.table = table;
      this.known = table == null ? List.of() : catalog.columns(table);
      this.cols = cols;
      this.any = any;
      this.placeholder = placeholder;
    }

    Hit lookup(String name) {
      if (placeholder) {
        return new Hit(Set.of(), false);
      }
      if (any != null) {
        return new Hit(any, false);
      }
      if (table != null) {
        if (known.isEmpty()) {
          return new Hit(Set.of(new ColumnRef(table, name)), false);
        }
        String canonical = match(known, name);
        return canonical == null ? null : new Hit(Set.of(new ColumnRef(table, canonical)), true);
      }
      Col named = find(cols, name);
      if (named != null) {
        return new Hit(named.refs, true);
      }
      List<Hit> through = new ArrayList<>();
      for (Col c : cols) {
        if (c.starFrom != null) {
          for (Rel r : c.starFrom) {
            Hit h = r.lookup(name);
            if (h != null) {
              through.add(h);
            }
          }
        }
      }
      return through.size() == 1 ? new Hit(through.get(0).refs(), false) : null;
    }

    /** The columns a star over this relation yields. */
    List<Col> star(Set<String> except) {
      List<Col> out = new ArrayList<>();
      if (table != null && !known.isEmpty()) {
        for (String k : known) {
          if (!containsIgnoreCase(except, k)) {
            out.add(new Col(k, Set.of(new ColumnRef(table, k))));
          }
        }
      } else if (cols != null && !placeholder) {
        for (Col c : cols) {
          if (c.starFrom != null || c.name == null || !containsIgnoreCase(except, c.name)) {
            out.add(c);
          }
        }
      } else {
        out.add(new Col(List.of(this)));
      }
      return out;
    }
  }

  static final class Scope {
    final Scope parent;
    final List<Rel> rels = new ArrayList<>();

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  /** Common table expressions in scope, innermost first. */
  record Ctes(String name, List<Col> cols, boolean placeholder, Ctes next) {
    Ctes find(String wanted) {
      for (Ctes c = this; c != null; c = c.next) {
        if (c.name != null && c.name.equalsIgnoreCase(wanted)) {
          return c;
        }
      }
      return null;
    }
  }

  // ---------------------------------------------------------------- statements

  List<StatementLineage> statement(Statement st) {
    List<StatementLineage> out = new ArrayList<>();
    if (st instanceof Insert ins) {
      insert(ins, out);
    } else if (st instanceof CreateTable ct) {
      createTable(ct, out);
    } else if (st instanceof CreateView cv) {
      boolean temp = cv.getTemporary() != null && cv.getTemporary() != TemporaryOption.NONE;
      List<String> cols = new ArrayList<>();
      if (cv.getColumnNames() != null) {
        for (Object c : cv.getColumnNames()) {
          cols.add(columnName(c instanceof Column col ? col.getColumnName() : String.valueOf(c)));
        }
      }
      view(names.table(cv.getView()), temp, cv.getSelect(), cols, out);
    } else if (st instanceof AlterView av) {
      List<String> cols = new ArrayList<>();
      if (av.getColumnNames() != null) {
        av.getColumnNames().forEach(c -> cols.add(columnName(c)));
      }
      view(names.table(av.getView()), false, av.getSelect(), cols, out);
    } else if (st instanceof Merge m) {
      merge(m, out);
    } else if (st instanceof Update u) {
      update(u, out);
    } else if (st instanceof Delete d) {
      delete(d, out);
    } else if (st instanceof Upsert up) {
      upsert(up, out);
    } else if (st instanceof Select sel) {
      selectInto(sel, out);
    }
    return out;
  }

  private void insert(Insert ins, List<StatementLineage> out) {
    TableName target = names.table(ins.getTable());
    Ctes ctes = withItems(ins.getWithItemsList(), null, null);
    Select sel = ins.getSelect();
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    if (sel != null) {
      List<Col> cols = query(sel, null, ctes);
      if (!(sel instanceof Values)) {
        List<String> dest = columnList(ins.getColumns());
        if (dest.isEmpty() && hints.byName()) {
          byName(target, cols, mapping);
        } else {
          positional(target, dest, cols, mapping);
        }
      }
    }
    emit(target, false, mapping, out);
  }

  private void upsert(Upsert up, List<StatementLineage> out) {
    TableName target = names.table(up.getTable());
    Select sel = up.getSelect();
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    if (sel != null) {
      List<Col> cols = query(sel, null, null);
      if (!(sel instanceof Values)) {
        positional(target, columnList(up.getColumns()), cols, mapping);
      }
    }
    emit(target, false, mapping, out);
  }

  private void createTable(CreateTable ct, List<StatementLineage> out) {
    TableName target = names.table(ct.getTable());
    boolean temp = hints.temporary() || names.isHashTemp(ct.getTable());
    if (ct.getCreateOptionsStrings() != null) {
      for (String o : ct.getCreateOptionsStrings()) {
        String u = o.toUpperCase(Locale.ROOT);
        if (u.equals("TEMP") || u.equals("TEMPORARY") || u.equals("VOLATILE")) {
          temp = true;
        }
      }
    }
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    if (ct.getSelect() != null) {
      List<Col> cols = query(ct.getSelect(), null, null);
      List<String> dest = new ArrayList<>();
      if (ct.getColumns() != null) {
        ct.getColumns().forEach(c -> dest.add(columnName(c)));
      } else if (ct.getColumnDefinitions() != null) {
        for (ColumnDefinition def : ct.getColumnDefinitions()) {
          dest.add(columnName(def.getColumnName()));
        }
      }
      if (dest.isEmpty()) {
        named(target, cols, mapping);
      } else {
        positional(target, dest, cols, mapping);
      }
    } else if (ct.getLikeTable() != null) {
      // LIKE copies the definition, not the rows: a table-level edge only.
      source(names.table(ct.getLikeTable()));
    }
    emit(target, temp, mapping, out);
  }

  private void view(
      TableName target, boolean temp, Select sel, List<String> dest, List<StatementLineage> out) {
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    if (sel != null) {
      List<Col> cols = query(sel, null, null);
      if (dest.isEmpty()) {
        named(target, cols, mapping);
      } else {
        positional(target, dest, cols, mapping);
      }
    }
    emit(target, temp || hints.temporary(), mapping, out);
  }

  private void selectInto(Select sel, List<StatementLineage> out) {
    PlainSelect first = firstPlain(sel);
    if (first == null || first.getIntoTables() == null || first.getIntoTables().isEmpty()) {
      return;
    }
    if (!dialect.selectIntoCreatesTable()) {
      return; // SELECT ... INTO assigns variables or writes a file
    }
    Table into = first.getIntoTables().get(0);
    TableName target = names.table(into);
    List<Col> cols = query(sel, null, null);
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    named(target, cols, mapping);
    emit(target, hints.temporary() || names.isHashTemp(into), mapping, out);
  }

  private static PlainSelect firstPlain(Select sel) {
    if (sel instanceof PlainSelect ps) {
      return ps;
    }
    if (sel instanceof SetOperationList sol && !sol.getSelects().isEmpty()) {
      return firstPlain(sol.getSelects().get(0));
    }
    if (sel instanceof ParenthesedSelect p) {
      return firstPlain(p.getSelect());
    }
    return null;
  }

  private void merge(Merge m, List<StatementLineage> out) {
    TableName target = names.table(m.getTable());
    Ctes ctes = withItems(m.getWithItemsList(), null, null);
    Scope scope = new Scope(null);
    scope.rels.add(targetRel(m.getTable(), target));
    FromItem using = m.getFromItem();
    if (using == null && m.getUsingTable() != null) {
      using = m.getUsingTable();
    }
    Rel sourceRel = null;
    if (using != null) {
      int before = scope.rels.size();
      fromItem(using, scope, ctes);
      if (m.getFromItem() == null && m.getUsingAlias() != null && scope.rels.size() > before) {
        Rel r = scope.rels.remove(scope.rels.size() - 1);
        scope.rels.add(new Rel(ident(m.getUsingAlias().getName()), r.table, r.cols, r.any, false));
      }
      if (scope.rels.size() > before) {
        sourceRel = scope.rels.get(scope.rels.size() - 1);
      }
    }
    walk(m.getOnCondition(), scope);
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    List<MergeOperation> ops = m.getOperations() == null ? List.of() : m.getOperations();
    for (MergeOperation op : ops) {
      if (op instanceof MergeUpdate mu) {
        walk(mu.getAndPredicate(), scope);
        walk(mu.getWhereCondition(), scope);
        for (UpdateSet us : mu.getUpdateSets()) {
          if (isStarMarker(us)) {
            starMerge(target, sourceRel, mapping);
          } else {
            updateSet(target, us, scope, ctes, mapping);
          }
        }
      } else if (op instanceof MergeInsert mi) {
        walk(mi.getAndPredicate(), scope);
        walk(mi.getWhereCondition(), scope);
        List<String> dest = columnList(mi.getColumns());
        if (dest.size() == 1 && dest.get(0).equalsIgnoreCase(STAR_MARKER)) {
          starMerge(target, sourceRel, mapping);
          continue;
        }
        if (dest.isEmpty()) {
          dest = catalog.columns(target);
        }
        List<Expression> values = new ArrayList<>();
        if (mi.getValues() != null) {
          values.addAll(mi.getValues());
        }
        for (int i = 0; i < values.size(); i++) {
          Set<ColumnRef> refs = collect(values.get(i), scope, null);
          if (i < dest.size()) {
            add(mapping, targetColumn(target, dest.get(i)), refs);
          }
        }
      } else if (op instanceof MergeDelete md) {
        walk(md.getAndPredicate(), scope);
      }
    }
    emit(target, false, mapping, out);
  }

  private static boolean isStarMarker(UpdateSet us) {
    return us.getColumns().size() == 1
        && us.getColumns().get(0).getColumnName().equalsIgnoreCase(STAR_MARKER);
  }

  /** {@code UPDATE SET *} / {@code INSERT *}: every target column from the same-named source. */
  private void starMerge(TableName target, Rel sourceRel, Map<String, Set<ColumnRef>> mapping) {
    if (sourceRel == null) {
      return;
    }
    for (String c : catalog.columns(target)) {
      Hit h = sourceRel.lookup(c);
      if (h != null) {
        add(mapping, c, h.refs());
      }
    }
  }

  private void update(Update u, List<StatementLineage> out) {
    TableName target = names.table(u.getTable());
    Ctes ctes = withItems(u.getWithItemsList(), null, null);
    Scope scope = new Scope(null);
    scope.rels.add(targetRel(u.getTable(), target));
    joins(u.getStartJoins(), scope, ctes);
    if (u.getFromItem() != null) {
      fromItem(u.getFromItem(), scope, ctes);
    }
    joins(u.getJoins(), scope, ctes);
    Map<String, Set<ColumnRef>> mapping = new LinkedHashMap<>();
    if (u.getUpdateSets() != null) {
      for (UpdateSet us : u.getUpdateSets()) {
        updateSet(target, us, scope, ctes, mapping);
      }
    }
    walk(u.getWhere(), scope);
    emit(target, false, mapping, out);
  }

  private void updateSet(
      TableName target, UpdateSet us, Scope scope, Ctes ctes, Map<String, Set<ColumnRef>> mapping) {
    List<Column> cols = new ArrayList<>(us.getColumns());
    List<Expression> values = new ArrayList<>();
    for (Object v : us.getValues()) {
      values.add((Expression) v);
    }
    if (cols.size() == values.size()) {
      for (int i = 0; i < cols.size(); i++) {
        add(mapping, targetColumn(target, columnName(cols.get(i).getColumnName())),
            collect(values.get(i), scope, null));
      }
    } else if (values.size() == 1 && values.get(0) instanceof Select sub) {
      List<Col> subCols = query(sub, scope, ctes);
      for (int i = 0; i < cols.size() && i < subCols.size(); i++) {
        if (subCols.get(i).starFrom != null) {
          break;
        }
        add(mapping, targetColumn(target, columnName(cols.get(i).getColumnName())),
            subCols.get(i).refs);
      }
    } else {
      for (Expression v : values) {
        walk(v, scope);
      }
    }
  }

  private void delete(Delete d, List<StatementLineage> out) {
    TableName target = names.table(d.getTable());
    Ctes ctes = withItems(d.getWithItemsList(), null, null);
    Scope scope = new Scope(null);
    scope.rels.add(targetRel(d.getTable(), target));
    if (d.getUsingList() != null) {
      for (Table t : d.getUsingList()) {
        fromItem(t, scope, ctes);
      }
    }
    joins(d.getJoins(), scope, ctes);
    walk(d.getWhere(), scope);
    emit(target, false, Map.of(), out);
  }

  /** The target as a relation of the statement's scope; it is not a source. */
  private Rel targetRel(Table t, TableName target) {
    String alias = t.getAlias() != null ? ident(t.getAlias().getName()) : ident(t.getName());
    return new Rel(alias, target, null, null, false);
  }

  // ---------------------------------------------------------------- queries

  private Ctes withItems(List<WithItem<?>> items, Scope parent, Ctes ctes) {
    if (items == null) {
      return ctes;
    }
    for (WithItem<?> w : items) {
      String name = ident(w.getAliasName());
      ParenthesedSelect body = w.getSelect();
      if (body == null) {
        continue; // a data-modifying CTE: not followed
      }
      Ctes self = new Ctes(name, null, true, ctes);
      List<Col> cols = query(body, parent, w.isRecursive() ? self : ctes);
      if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
        List<Col> renamed = new ArrayList<>();
        for (int i = 0; i < w.getWithItemList().size(); i++) {
          String n = columnName(String.valueOf(w.getWithItemList().get(i).getExpression()));
          renamed.add(i < cols.size() && cols.get(i).starFrom == null
              ? cols.get(i).renamed(n) : new Col(n, Set.of()));
        }
        cols = renamed;
      }
      ctes = new Ctes(name, cols, false, ctes);
    }
    return ctes;
  }

  /** The output columns of a query; records the tables it reads. */
  List<Col> query(Select sel, Scope parent, Ctes ctes) {
    ctes = withItems(sel.getWithItemsList(), parent, ctes);
    List<Col> out;
    if (sel instanceof PlainSelect ps) {
      out = plain(ps, parent, ctes);
    } else if (sel instanceof SetOperationList sol) {
      out = null;
      for (Select branch : sol.getSelects()) {
        List<Col> cols = query(branch, parent, ctes);
        if (out == null) {
          out = new ArrayList<>(cols);
        } else {
          for (int i = 0; i < out.size() && i < cols.size(); i++) {
            if (out.get(i).starFrom != null || cols.get(i).starFrom != null) {
              out = new ArrayList<>(out.subList(0, i));
              out.add(new Col(List.of()));
              break;
            }
            Col merged = new Col(out.get(i).name, out.get(i).refs);
            merged.refs.addAll(cols.get(i).refs);
            out.set(i, merged);
          }
        }
      }
      if (out == null) {
        out = new ArrayList<>();
      }
    } else if (sel instanceof ParenthesedSelect p) {
      out = query(p.getSelect(), parent, ctes);
    } else if (sel instanceof FromQuery fq) {
      // DuckDB FROM-first: FROM t [JOIN ...] alone selects every column
      Scope scope = new Scope(parent);
      fromItem(fq.getFromItem(), scope, ctes);
      joins(fq.getJoins(), scope, ctes);
      out = new ArrayList<>();
      if (fq.getPipeOperators() == null || fq.getPipeOperators().isEmpty()) {
        for (Rel r : scope.rels) {
          out.addAll(r.star(Set.of()));
        }
      } else {
        out.add(new Col(List.of()));
      }
    } else if (sel instanceof Values v) {
      Scope scope = new Scope(parent);
      out = new ArrayList<>();
      if (v.getExpressions() != null) {
        for (Object e : v.getExpressions()) {
          walk((Expression) e, scope);
        }
      }
    } else {
      out = new ArrayList<>();
    }
    if (sel.getOrderByElements() != null) {
      Scope scope = new Scope(parent);
      for (OrderByElement o : sel.getOrderByElements()) {
        walk(o.getExpression(), scope);
      }
    }
    return out;
  }

  private List<Col> plain(PlainSelect ps, Scope parent, Ctes ctes) {
    Scope scope = new Scope(parent);
    if (ps.getFromItem() != null) {
      fromItem(ps.getFromItem(), scope, ctes);
    }
    joins(ps.getJoins(), scope, ctes);
    if (ps.getLateralViews() != null) {
      for (LateralView lv : ps.getLateralViews()) {
        Set<ColumnRef> refs = collect(lv.getGeneratorFunction(), scope, null);
        String alias = lv.getTableAlias() != null ? ident(lv.getTableAlias().getName()) : null;
        Rel r = new Rel(alias, null, null, refs, false);
        scope.rels.add(r);
        Alias columns = lv.getColumnAlias();
        if (columns != null && columns.getName() != null) {
          scope.rels.add(new Rel(ident(columns.getName()), null, null, refs, false));
        }
        if (columns != null && columns.getAliasColumns() != null) {
          for (Alias.AliasColumn c : columns.getAliasColumns()) { // explode(map) AS k, v
            scope.rels.add(new Rel(ident(c.name), null, null, refs, false));
          }
        }
      }
    }
    if (ps.getJoins() != null) {
      for (Join j : ps.getJoins()) {
        if (j.getOnExpressions() != null) {
          for (Expression e : j.getOnExpressions()) {
            walk(e, scope);
          }
        }
      }
    }
    walk(ps.getWhere(), scope);
    walk(ps.getHaving(), scope);
    walk(ps.getQualify(), scope);
    if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
      for (Object e : ps.getGroupBy().getGroupByExpressionList()) {
        if (e instanceof Expression ex) {
          walk(ex, scope);
        }
      }
    }
    List<Col> out = new ArrayList<>();
    List<SelectItem<?>> items = ps.getSelectItems();
    if (items == null || items.isEmpty()) {
      for (Rel r : scope.rels) {
        out.addAll(r.star(Set.of()));
      }
      return out;
    }
    for (SelectItem<?> item : items) {
      Expression e = item.getExpression();
      if (e instanceof AllTableColumns atc) {
        String q = ident(atc.getTable().getName());
        Rel r = findRel(scope, q);
        if (r != null) {
          out.addAll(r.star(except(atc)));
        } else {
          out.add(new Col(List.of()));
        }
      } else if (e instanceof AllColumns ac) {
        Set<String> ex = except(ac);
        for (Rel r : scope.rels) {
          out.addAll(r.star(ex));
        }
        if (ac.getReplaceExpressions() != null) {
          for (SelectItem<?> rep : ac.getReplaceExpressions()) {
            String n = rep.getAlias() == null ? null : columnName(rep.getAlias().getName());
            Set<ColumnRef> refs = collect(rep.getExpression(), scope, out);
            for (int i = 0; i < out.size(); i++) {
              if (n != null && out.get(i).name != null && out.get(i).name.equalsIgnoreCase(n)) {
                out.set(i, new Col(out.get(i).name, refs));
              }
            }
          }
        }
      } else {
        Set<ColumnRef> refs = collect(e, scope, out);
        String name = item.getAlias() != null ? columnName(item.getAlias().getName()) : nameOf(e);
        out.add(new Col(name, refs));
      }
    }
    return out;
  }

  private Set<String> except(AllColumns ac) {
    Set<String> out = new LinkedHashSet<>();
    if (ac.getExceptColumns() != null) {
      for (Column c : ac.getExceptColumns()) {
        out.add(columnName(c.getColumnName()));
      }
    }
    return out;
  }

  private String nameOf(Expression e) {
    if (e instanceof Column c) {
      return columnName(c.getColumnName());
    }
    return null;
  }

  private void joins(List<Join> joins, Scope scope, Ctes ctes) {
    if (joins == null) {
      return;
    }
    for (Join j : joins) {
      if (j.getFromItem() != null) {
        fromItem(j.getFromItem(), scope, ctes);
      }
    }
  }

  private void fromItem(FromItem item, Scope scope, Ctes ctes) {
    String alias = item.getAlias() != null ? ident(item.getAlias().getName()) : null;
    if (item instanceof Table t) {
      Names.Parts parts = names.parts(t);
      Ctes cte = parts.size() == 1 && ctes != null ? ctes.find(parts.last()) : null;
      Rel r;
      if (cte != null) {
        r = new Rel(alias != null ? alias : cte.name(), null, cte.cols(), null, cte.placeholder());
      } else if (t.getName() != null && t.getName().startsWith("@")) {
        TableName stage = names.stage(t.getFullyQualifiedName());
        source(stage);
        external.add(stage);
        r = new Rel(alias != null ? alias : stage.table(), null, null, Set.of(), false);
      } else {
        TableName tn = names.resolve(parts);
        source(tn);
        r = new Rel(alias != null ? alias : parts.last(), tn, null, null, false);
      }
      scope.rels.add(aliasColumns(r, item.getAlias()));
    } else if (item instanceof ParenthesedSelect ps) {
      List<Col> cols = query(ps, scope, ctes);
      scope.rels.add(aliasColumns(new Rel(alias, null, cols, null, false), item.getAlias()));
    } else if (item instanceof ParenthesedFromItem pf) {
      fromItem(pf.getFromItem(), scope, ctes);
      joins(pf.getJoins(), scope, ctes);
      if (pf.getJoins() != null) {
        for (Join j : pf.getJoins()) {
          if (j.getOnExpressions() != null) {
            j.getOnExpressions().forEach(e -> walk(e, scope));
          }
        }
      }
    } else if (item instanceof TableFunction tf) {
      Set<ColumnRef> refs = collect(tf.getFunction(), scope, null);
      scope.rels.add(new Rel(alias, null, null, refs, false));
    } else if (item instanceof Values v) {
      List<Col> cols = new ArrayList<>();
      if (v.getExpressions() != null) {
        for (Object e : v.getExpressions()) {
          walk((Expression) e, scope);
        }
      }
      scope.rels.add(aliasColumns(new Rel(alias, null, cols, null, false), item.getAlias()));
    } else {
      scope.rels.add(new Rel(alias, null, null, Set.of(), false));
    }
  }

  /** Applies {@code AS x(a, b)} column aliases. */
  private Rel aliasColumns(Rel r, Alias alias) {
    if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty()) {
      return r;
    }
    List<Col> base = r.star(Set.of());
    List<Col> cols = new ArrayList<>();
    for (int i = 0; i < alias.getAliasColumns().size(); i++) {
      String n = columnName(alias.getAliasColumns().get(i).name);
      Col b = i < base.size() ? base.get(i) : null;
      if (b != null && b.starFrom == null) {
        cols.add(b.renamed(n));
      } else if (r.table != null) {
        cols.add(new Col(n, Set.of()));
      } else {
        cols.add(new Col(n, r.any == null ? Set.of() : r.any));
      }
    }
    return new Rel(r.alias, null, cols, null, false);
  }

  private void source(TableName t) {
    sources.add(t);
  }

  // ---------------------------------------------------------------- expressions

  /** Records the tables read by subqueries in an expression; its columns are not lineage. */
  private void walk(Expression e, Scope scope) {
    if (e != null) {
      collect(e, scope, null);
    }
  }

  /**
   * The source columns an expression reads (through CASE, casts, functions, aggregates, window
   * specifications and scalar subqueries). {@code earlier}: the select list so far, for lateral
   * column aliases.
   */
  Set<ColumnRef> collect(Expression e, Scope scope, List<Col> earlier) {
    Set<ColumnRef> out = new LinkedHashSet<>();
    if (e == null) {
      return out;
    }
    ExpressionVisitorAdapter<Void> v =
        new ExpressionVisitorAdapter<>() {
          @Override
          public <S> Void visit(Column column, S context) {
            out.addAll(resolveColumn(column, scope, earlier));
            return null;
          }

          @Override
          public <S> Void visit(AnalyticExpression a, S context) {
            if (a.getExpression() != null) {
              a.getExpression().accept(this, context);
            }
            if (a.getPartitionExpressionList() != null) {
              for (Object p : a.getPartitionExpressionList()) {
                ((Expression) p).accept(this, context);
              }
            }
            if (a.getOrderByElements() != null) {
              for (OrderByElement o : a.getOrderByElements()) {
                o.getExpression().accept(this, context);
              }
            }
            if (a.getFilterExpression() != null) {
              a.getFilterExpression().accept(this, context);
            }
            return null;
          }

          @Override
          public <S> Void visit(LambdaExpression lambda, S context) {
            // x -> f(x, col) (ClickHouse, Databricks, DuckDB): the parameters are no columns.
            Set<ColumnRef> body = collect(lambda.getExpression(), scope, earlier);
            body.removeIf(ref -> lambda.getIdentifiers().stream()
                .anyMatch(p -> columnName(p).equalsIgnoreCase(ref.column())));
            out.addAll(body);
            return null;
          }

          @Override
          public <S> Void visit(ParenthesedSelect sub, S context) {
            for (Col c : query(sub, scope, null)) {
              out.addAll(c.refs);
            }
            return null;
          }

          @Override
          public <S> Void visit(Select sub, S context) {
            for (Col c : query(sub, scope, null)) {
              out.addAll(c.refs);
            }
            return null;
          }
        };
    e.accept(v, null);
    return out;
  }

  private Set<ColumnRef> resolveColumn(Column column, Scope scope, List<Col> earlier) {
    String raw = column.getColumnName();
    if (raw == null) {
      return Set.of();
    }
    boolean quoted = Names.isQuoted(raw);
    String name = columnName(raw);
    List<String> qual = new ArrayList<>();
    if (column.getTable() != null && column.getTable().getName() != null) {
      for (String p : Names.reversed(column.getTable().getNameParts())) {
        qual.add(ident(p));
      }
    }
    if (qual.isEmpty()) {
      if (!quoted && PSEUDO_COLUMNS.contains(raw.toUpperCase(Locale.ROOT))) {
        return Set.of();
      }
      if (raw.startsWith("$") || raw.startsWith("@") || raw.startsWith(":")) {
        return Set.of(); // positional file columns, variables, bind parameters
      }
      return unqualified(name, scope, earlier);
    }
    for (Scope s = scope; s != null; s = s.parent) {
      Rel r = findRel(s, qual.get(qual.size() - 1));
      if (r != null) {
        Hit h = r.lookup(name);
        if (h != null) {
          return h.refs();
        }
        return r.table != null ? Set.of(new ColumnRef(r.table, name)) : Set.of();
      }
    }
    // Not a relation: a struct field (t.struct.field, struct.field).
    if (qual.size() >= 2) {
      for (Scope s = scope; s != null; s = s.parent) {
        Rel r = findRel(s, qual.get(0));
        if (r != null) {
          Hit h = r.lookup(columnName(qual.get(1)));
          return h == null ? Set.of() : h.refs();
        }
      }
    }
    return unqualified(columnName(qual.get(0)), scope, earlier);
  }

  private Set<ColumnRef> unqualified(String name, Scope scope, List<Col> earlier) {
    for (Scope s = scope; s != null; s = s.parent) {
      List<Hit> definite = new ArrayList<>();
      List<Hit> possible = new ArrayList<>();
      Rel valueAlias = null;
      for (Rel r : s.rels) {
        if (r.any != null && r.alias != null && r.alias.equalsIgnoreCase(name)) {
          valueAlias = r; // UNNEST(arr) AS x, LATERAL VIEW explode(arr) t AS x
          continue;
        }
        if (r.any != null) {
          continue;
        }
        Hit h = r.lookup(name);
        if (h != null) {
          (h.definite() ? definite : possible).add(h);
        }
      }
      if (!definite.isEmpty()) {
        return definite.get(0).refs();
      }
      if (valueAlias != null) {
        return valueAlias.any;
      }
      if (s == scope && earlier != null) {
        Col alias = find(earlier, name);
        if (alias != null) {
          return alias.refs; // a lateral column alias (Snowflake, BigQuery, Databricks)
        }
      }
      if (possible.size() == 1) {
        return possible.get(0).refs();
      }
      if (!possible.isEmpty() || hasOpaque(s)) {
        return Set.of(); // ambiguous without a catalog
      }
      if (s.rels.size() == 1 && s.rels.get(0).table != null) {
        // The only table in scope, although the catalog does not list the column (stale).
        return Set.of(new ColumnRef(s.rels.get(0).table, name));
      }
    }
    return Set.of();
  }

  private static boolean hasOpaque(Scope s) {
    for (Rel r : s.rels) {
      if (r.any != null) {
        return true;
      }
    }
    return false;
  }

  private Rel findRel(Scope s, String qualifier) {
    for (Rel r : s.rels) {
      if (r.alias != null && r.alias.equalsIgnoreCase(qualifier)) {
        return r;
      }
    }
    for (Rel r : s.rels) {
      if (r.table != null && r.table.table().equalsIgnoreCase(qualifier)) {
        return r;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- mapping and output

  private void positional(
      TableName target, List<String> dest, List<Col> cols, Map<String, Set<ColumnRef>> mapping) {
    if (dest.isEmpty()) {
      dest = catalog.columns(target);
    }
    for (int i = 0; i < dest.size() && i < cols.size(); i++) {
      if (cols.get(i).starFrom != null) {
        return;
      }
      add(mapping, targetColumn(target, dest.get(i)), cols.get(i).refs);
    }
  }

  private void named(TableName target, List<Col> cols, Map<String, Set<ColumnRef>> mapping) {
    for (Col c : cols) {
      if (c.starFrom == null && c.name != null) {
        add(mapping, targetColumn(target, c.name), c.refs);
      }
    }
  }

  private void byName(TableName target, List<Col> cols, Map<String, Set<ColumnRef>> mapping) {
    named(target, cols, mapping);
  }

  private String targetColumn(TableName target, String name) {
    String canonical = match(catalog.columns(target), name);
    return canonical != null ? canonical : name;
  }

  private static void add(Map<String, Set<ColumnRef>> mapping, String col, Set<ColumnRef> refs) {
    mapping.computeIfAbsent(col, k -> new LinkedHashSet<>()).addAll(refs);
  }

  private void emit(
      TableName target, boolean temp, Map<String, Set<ColumnRef>> mapping,
      List<StatementLineage> out) {
    List<TableName> src = new ArrayList<>();
    for (TableName t : sources) {
      if (!t.equals(target)) {
        src.add(t);
      }
    }
    if (src.isEmpty() && !temp) {
      return;
    }
    Map<String, List<ColumnRef>> cols = new LinkedHashMap<>();
    mapping.forEach(
        (k, v) -> {
          if (!v.isEmpty() && !k.equalsIgnoreCase(STAR_MARKER)) {
            cols.put(k, new ArrayList<>(v));
          }
        });
    Set<TableName> ext = new LinkedHashSet<>(external);
    ext.retainAll(src);
    out.add(new StatementLineage(target, temp, src, ext, cols));
    sources.clear();
    external.clear();
  }

  // ---------------------------------------------------------------- names

  private List<String> columnList(Collection<Column> cols) {
    List<String> out = new ArrayList<>();
    if (cols != null) {
      for (Column c : cols) {
        out.add(columnName(c.getColumnName()));
      }
    }
    return out;
  }

  /** A column name as the dialect stores it. */
  String columnName(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      // MySQL, Hive and Databricks take a string as an alias: AS 'name'
      return dialect.foldColumn(raw.substring(1, raw.length() - 1).replace("''", "'"), true);
    }
    boolean quoted = Names.isQuoted(raw);
    return dialect.foldColumn(quoted ? Names.unquote(raw) : raw, quoted);
  }

  /** An alias or CTE name, unquoted (matched case-insensitively). */
  private static String ident(String raw) {
    if (raw == null) {
      return null;
    }
    return Names.isQuoted(raw) ? Names.unquote(raw) : raw;
  }

  private static Col find(List<Col> cols, String name) {
    if (cols == null || name == null) {
      return null;
    }
    for (Col c : cols) {
      if (c.starFrom == null && name.equals(c.name)) {
        return c;
      }
    }
    for (Col c : cols) {
      if (c.starFrom == null && name.equalsIgnoreCase(c.name)) {
        return c;
      }
    }
    return null;
  }

  private static String match(List<String> known, String name) {
    for (String k : known) {
      if (k.equals(name)) {
        return k;
      }
    }
    for (String k : known) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return null;
  }

  private static boolean containsIgnoreCase(Set<String> set, String s) {
    for (String x : set) {
      if (x.equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }
}
