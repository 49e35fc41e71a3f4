package io.crmflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Looks for personal data in the database: every text, character-large-object, binary and
 * blob value of every table the filter admits, compared case-insensitively with each needle
 * (binary values as UTF-8 bytes). Returns "TABLE.COLUMN contains needle" for each hit.
 */
public final class PersonalDataScan {

  private static final Set<Integer> BINARY = Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);

  private PersonalDataScan() {
  }

  public static List<String> tables(JdbcTemplate jdbc, Predicate<String> tableName) {
    return jdbc.queryForList("""
            select table_name from information_schema.tables
            where lower(table_schema) = 'public' and table_type in ('BASE TABLE', 'TABLE')
            order by table_name""", String.class).stream()
        .filter(name -> tableName.test(name.toUpperCase(Locale.ROOT)))
        .toList();
  }

  public static List<String> find(JdbcTemplate jdbc, Predicate<String> tableName, Collection<String> needles) {
    List<String> lowerNeedles = needles.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    List<String> hits = new ArrayList<>();
    for (String table : tables(jdbc, tableName)) {
      jdbc.query("select * from \"" + table + "\"", (ResultSet rs) -> {
        ResultSetMetaData meta = rs.getMetaData();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          String value;
          if (BINARY.contains(meta.getColumnType(column))) {
            byte[] bytes = rs.getBytes(column);
            value = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
          } else {
            value = rs.getString(column);
          }
          if (value == null) {
            continue;
          }
          String lower = value.toLowerCase(Locale.ROOT);
          for (String needle : lowerNeedles) {
            if (lower.contains(needle)) {
              hits.add(table + "." + meta.getColumnName(column) + " contains " + needle);
            }
          }
        }
      });
    }
    return hits;
  }
}
