// Copied from pushgen 0.1.0's runtime, shared by every program of this project. Regenerating the project replaces it: read it, but make changes in the programs or in pushgen itself.
package io.pushgen.bigquery.runtime.bigquery;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.Schema;
import io.pushgen.bigquery.runtime.wire.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One result row of a BigQuery query, read by column name as the result schema types it.
 *
 * @param values the row's values
 * @param schema the result schema, or null when the client gave none
 */
public record BigQueryRow(FieldValueList values, Schema schema) {
  private FieldValue field(String column) {
    return values.get(column);
  }

  /** A STRING column; null for NULL. */
  public String string(String column) {
    FieldValue v = field(column);
    return v.isNull() ? null : v.getStringValue();
  }

  /** A STRING column, null when NULL or blank. */
  public String nonBlank(String column) {
    String s = string(column);
    return s == null || s.isBlank() ? null : s;
  }

  /** An INT64 column as a count; null for NULL. */
  public Long count(String column) {
    FieldValue v = field(column);
    return v.isNull() ? null : v.getLongValue();
  }

  /** A TIMESTAMP column; null for NULL. */
  public Instant instant(String column) {
    FieldValue v = field(column);
    return v.isNull() ? null : v.getTimestampInstant();
  }

  /** A TIMESTAMP column in the wire format, null for NULL. */
  public String timestamp(String column) {
    Instant instant = instant(column);
    return instant == null ? null : Timestamps.format(instant);
  }

  /**
   * A column as a JSON-friendly value by its type: INTEGER as Long, FLOAT as Double, NUMERIC as
   * BigDecimal, BOOLEAN as Boolean, TIMESTAMP in the wire format, anything else as text.
   */
  public Object value(String column) {
    FieldValue v = field(column);
    if (v.isNull()) {
      return null;
    }
    LegacySQLTypeName type = schema == null ? null : schema.getFields().get(column).getType();
    if (LegacySQLTypeName.INTEGER.equals(type)) {
      return v.getLongValue();
    }
    if (LegacySQLTypeName.FLOAT.equals(type)) {
      return v.getDoubleValue();
    }
    if (LegacySQLTypeName.NUMERIC.equals(type) || LegacySQLTypeName.BIGNUMERIC.equals(type)) {
      return v.getNumericValue();
    }
    if (LegacySQLTypeName.BOOLEAN.equals(type)) {
      return v.getBooleanValue();
    }
    if (LegacySQLTypeName.TIMESTAMP.equals(type)) {
      return Timestamps.format(v.getTimestampInstant());
    }
    return v.getStringValue();
  }

  /**
   * A REPEATED RECORD column (e.g. JOBS.referenced_tables) as rows of its sub-fields; empty for
   * NULL.
   */
  public List<BigQueryRow> records(String column) {
    FieldValue v = field(column);
    List<BigQueryRow> records = new ArrayList<>();
    if (v.isNull()) {
      return records;
    }
    Field field = schema.getFields().get(column);
    Schema sub = field.getSubFields() == null ? null : Schema.of(field.getSubFields());
    for (FieldValue element : v.getRepeatedValue()) {
      records.add(new BigQueryRow(element.getRecordValue(), sub));
    }
    return records;
  }
}
