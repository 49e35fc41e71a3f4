package io.crmflow.lead;

import io.crmflow.contact.ContactLocale;
import io.crmflow.shared.InvalidFieldException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file of lead submissions (RFC 4180, UTF-8 with or without a byte-order mark), as
 * {@code POST /api/contacts/import} takes it: a header row naming lead fields, one person per row.
 * Parsing is Apache Commons CSV's; this class checks the file as a whole (encoding, header) and turns
 * each row into a {@link LeadSubmission}, or into the reasons it cannot be one.
 */
final class CsvLeadFile {

  /** The columns a file may have, as the fields of {@code POST /api/leads} are named. */
  static final List<String> COLUMNS = List.of("name", "email", "phone", "company", "companySize", "budget", "source",
      "locale", "marketingConsent", "smsConsent", "country");
  static final List<String> REQUIRED = List.of("name", "email");
  private static final Map<String, String> BY_LOWER_CASE = new LinkedHashMap<>();

  static {
    COLUMNS.forEach(column -> BY_LOWER_CASE.put(column.toLowerCase(Locale.ROOT), column));
  }

  /** One data row: its line (the header is line 1) and its cells by column name, blank cells left out. */
  record Row(long line, Map<String, String> cells) {
  }

  /** A cell that is not what its column needs. */
  record FieldError(String field, String message) {
  }

  private CsvLeadFile() {
  }

  /**
   * Reads the whole file.
   *
   * @throws InvalidFieldException naming the problem when the file is not UTF-8, has no header or an unknown,
   *     repeated or missing required column, or is not valid CSV
   */
  static List<Row> parse(byte[] body) {
    String text = decode(body);
    if (text.isBlank()) {
      throw badFile("file", "is empty: the first row must name the columns, e.g. name,email,company");
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true)
        // repeated columns are reported by name below
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      Map<String, String> columns = columns(parser.getHeaderNames());
      List<Row> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (var column : columns.entrySet()) {
          String value = record.isSet(column.getKey()) ? record.get(column.getKey()) : null;
          if (value != null && !value.isBlank()) {
            cells.put(column.getValue(), value);
          }
        }
        // the record number counts the header as record 1, like the line numbers people see in the file
        rows.add(new Row(record.getRecordNumber() + 1, cells));
      }
      return rows;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // an unclosed quote, text after a closing quote: Commons CSV names the line in its message
      throw badFile("file", "is not valid CSV (RFC 4180): " + e.getMessage());
    }
  }

  /** The header's columns (as written → field name): every one known, none twice, the required ones there. */
  private static Map<String, String> columns(List<String> header) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String written : header) {
      String field = BY_LOWER_CASE.get(written.strip().toLowerCase(Locale.ROOT));
      if (field == null) {
        throw badFile("header", "names an unknown column '" + written + "'; the columns are " + String.join(", ", COLUMNS));
      }
      if (columns.containsValue(field)) {
        throw badFile("header", "names the column '" + field + "' twice");
      }
      columns.put(written, field);
    }
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(columns.values());
    if (!missing.isEmpty()) {
      throw badFile("header", "must name the columns " + String.join(", ", REQUIRED) + "; missing: "
          + String.join(", ", missing));
    }
    return columns;
  }

  private static String decode(byte[] body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw badFile("file", "is not UTF-8: save it as \"CSV UTF-8\"");
    }
  }

  /**
   * The row as a lead submission, or the cells that cannot be read (each named). Bean Validation of
   * the submission (the rules of {@code POST /api/leads}) follows.
   */
  static LeadSubmission submission(Row row, List<FieldError> errors) {
    Map<String, String> cells = row.cells();
    Integer companySize = convert(cells, "companySize", errors, value -> {
      try {
        return Integer.valueOf(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a whole number");
      }
    });
    BigDecimal budget = convert(cells, "budget", errors, value -> {
      try {
        return new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number such as 25000.50");
      }
    });
    LeadSource source = convert(cells, "source", errors, LeadSource::fromCode);
    ContactLocale locale = convert(cells, "locale", errors, ContactLocale::fromTag);
    Boolean marketingConsent = convert(cells, "marketingConsent", errors, CsvLeadFile::yesNo);
    Boolean smsConsent = convert(cells, "smsConsent", errors, CsvLeadFile::yesNo);
    return new LeadSubmission(cells.get("name"), cells.get("email"), cells.get("phone"), cells.get("company"),
        companySize, budget, source, locale, marketingConsent, smsConsent, cells.get("country"));
  }

  private static <T> T convert(Map<String, String> cells, String field, List<FieldError> errors,
      Function<String, T> converter) {
    String value = cells.get(field);
    if (value == null) {
      return null;
    }
    try {
      return converter.apply(value);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }

  private static Boolean yesNo(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> true;
      case "false", "no", "n", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false (yes/no, 1/0)");
    };
  }

  private static InvalidFieldException badFile(String field, String message) {
    return new InvalidFieldException(field, message);
  }
}
