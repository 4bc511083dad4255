package io.pushgen.runtime.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows and parameters as Google's client types them, built with the client's own classes. */
class BigQueryRowTest {
  private static final Field REFERENCED =
      Field.newBuilder(
              "referenced_tables",
              LegacySQLTypeName.RECORD,
              Field.of("dataset_id", LegacySQLTypeName.STRING),
              Field.of("table_id", LegacySQLTypeName.STRING))
          .setMode(Field.Mode.REPEATED)
          .build();
  private static final Schema SCHEMA =
      Schema.of(
          Field.of("name", LegacySQLTypeName.STRING),
          Field.of("rows", LegacySQLTypeName.INTEGER),
          Field.of("share", LegacySQLTypeName.FLOAT),
          Field.of("amount", LegacySQLTypeName.NUMERIC),
          Field.of("ok", LegacySQLTypeName.BOOLEAN),
          Field.of("at", LegacySQLTypeName.TIMESTAMP),
          Field.of("blank", LegacySQLTypeName.STRING),
          REFERENCED);

  private static FieldValue value(Object v) {
    return FieldValue.of(FieldValue.Attribute.PRIMITIVE, v);
  }

  private static BigQueryRow row() {
    FieldList fields = SCHEMA.getFields();
    FieldList sub = REFERENCED.getSubFields();
    FieldValue reference =
        FieldValue.of(
            FieldValue.Attribute.RECORD,
            FieldValueList.of(List.of(value("sales"), value("orders")), sub));
    return new BigQueryRow(
        FieldValueList.of(
            List.of(
                value("orders"),
                value("42"),
                value("0.5"),
                value("12.30"),
                value("true"),
                // TIMESTAMP values arrive as seconds since the epoch, with microseconds.
                value("1709287200.123456"),
                value("  "),
                FieldValue.of(FieldValue.Attribute.REPEATED, FieldValueList.of(List.of(reference)))),
            fields),
        SCHEMA);
  }

  @Test
  void readsColumnsByTheirResultType() {
    BigQueryRow row = row();
    assertEquals("orders", row.string("name"));
    assertEquals(42L, row.count("rows"));
    assertEquals(42L, row.value("rows"));
    assertEquals(0.5, row.value("share"));
    assertEquals(new BigDecimal("12.30"), row.value("amount"));
    assertEquals(true, row.value("ok"));
    assertEquals(Instant.parse("2024-03-01T10:00:00.123456Z"), row.instant("at"));
    assertEquals("2024-03-01T10:00:00.123456Z", row.timestamp("at"));
    assertEquals(row.timestamp("at"), row.value("at"));
    assertNull(row.nonBlank("blank"));
    List<BigQueryRow> references = row.records("referenced_tables");
    assertEquals(1, references.size());
    assertEquals("sales", references.get(0).string("dataset_id"));
    assertEquals("orders", references.get(0).string("table_id"));
  }

  @Test
  void nullsStayNull() {
    BigQueryRow row =
        new BigQueryRow(
            FieldValueList.of(
                List.of(value(null), value(null), value(null), value(null), value(null), value(null),
                    value(null), FieldValue.of(FieldValue.Attribute.PRIMITIVE, null)),
                SCHEMA.getFields()),
            SCHEMA);
    assertNull(row.string("name"));
    assertNull(row.count("rows"));
    assertNull(row.value("amount"));
    assertNull(row.timestamp("at"));
    assertEquals(List.of(), row.records("referenced_tables"));
  }

  @Test
  void parametersAreTypedAsTheQueriesUseThem() {
    QueryParameterValue at = BigQueryQueries.parameter(Instant.parse("2024-03-01T10:00:00.000001Z"));
    assertEquals(StandardSQLTypeName.TIMESTAMP, at.getType());
    QueryParameterValue list = BigQueryQueries.parameter(List.of("a", "b"));
    assertEquals(StandardSQLTypeName.ARRAY, list.getType());
    assertEquals(StandardSQLTypeName.STRING, list.getArrayType());
    assertEquals(List.of("a", "b"), list.getArrayValues().stream().map(QueryParameterValue::getValue).toList());
    QueryParameterValue text = BigQueryQueries.parameter(7);
    assertEquals(StandardSQLTypeName.STRING, text.getType());
    assertEquals("7", text.getValue());
    assertNull(BigQueryQueries.parameter(null).getValue());
  }

  @Test
  void optionNamesAreSplitOnCommas() {
    assertEquals(List.of("a", "b c"), BigQueryQueries.names(" a , ,b c "));
    assertEquals(List.of(), BigQueryQueries.names(null));
  }
}
