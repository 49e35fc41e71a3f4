package io.crmflow.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmflow.contact.ContactLocale;
import io.crmflow.shared.InvalidFieldException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLeadFileTest {

  @Test
  void shouldReadRowsWithQuotedCellsAByteOrderMarkAndLineNumbersCountingTheHeader() {
    byte[] file = ("\uFEFFName,EMAIL,company,companySize,budget,source,locale,marketingConsent\r\n"
        + "Ada Lovelace,ada@example.org,\"Engines, Ltd\",12,2500.50,webinar,zh-CN,yes\r\n"
        + "\r\n"
        + "\"Grace \"\"Amazing\"\" Hopper\",grace@example.org,\"Navy\nLabs\",,,,,\r\n"
        + "Alan,alan@example.org,,,,,,no\r\n").getBytes(StandardCharsets.UTF_8);

    List<CsvLeadFile.Row> rows = CsvLeadFile.parse(file);

    assertThat(rows).extracting(CsvLeadFile.Row::line).containsExactly(2L, 3L, 4L);
    List<CsvLeadFile.FieldError> errors = new ArrayList<>();
    LeadSubmission ada = CsvLeadFile.submission(rows.get(0), errors);
    assertThat(errors).isEmpty();
    assertThat(ada.company()).isEqualTo("Engines, Ltd");
    assertThat(ada.companySize()).isEqualTo(12);
    assertThat(ada.budget()).isEqualByComparingTo(new BigDecimal("2500.50"));
    assertThat(ada.source()).isEqualTo(LeadSource.WEBINAR);
    assertThat(ada.locale()).isEqualTo(ContactLocale.ZH_CN);
    assertThat(ada.marketingConsent()).isTrue();
    LeadSubmission grace = CsvLeadFile.submission(rows.get(1), errors);
    assertThat(grace.name()).isEqualTo("Grace \"Amazing\" Hopper");
    assertThat(grace.company()).isEqualTo("Navy\nLabs");
    assertThat(grace.companySize()).as("an empty cell is not given").isNull();
    assertThat(CsvLeadFile.submission(rows.get(2), errors).marketingConsent()).isFalse();
  }

  @Test
  void shouldNameEveryCellItCannotRead() {
    byte[] file = "name,email,companySize,budget,source,locale,marketingConsent\nA,a@example.org,many,lots,tv,fr,maybe\n"
        .getBytes(StandardCharsets.UTF_8);
    List<CsvLeadFile.FieldError> errors = new ArrayList<>();

    CsvLeadFile.submission(CsvLeadFile.parse(file).get(0), errors);

    assertThat(errors).extracting(CsvLeadFile.FieldError::field)
        .containsExactly("companySize", "budget", "source", "locale", "marketingConsent");
  }

  @Test
  void shouldRefuseFilesThatCannotBeReadAsAWhole() {
    assertBadFile("".getBytes(StandardCharsets.UTF_8), "file");
    assertBadFile(new byte[] {'n', 'a', 'm', 'e', ',', 'e', 'm', 'a', 'i', 'l', '\n', 'A', (byte) 0xE9, ',', 'x'},
        "file");
    assertBadFile("name,email,shoeSize\nA,a@example.org,42\n".getBytes(StandardCharsets.UTF_8), "header");
    assertBadFile("name,email,Email\nA,a@example.org,b@example.org\n".getBytes(StandardCharsets.UTF_8), "header");
    assertBadFile("name,company\nA,B\n".getBytes(StandardCharsets.UTF_8), "header");
    assertBadFile("name,email\n\"A,a@example.org\n".getBytes(StandardCharsets.UTF_8), "file");
  }

  private static void assertBadFile(byte[] file, String field) {
    assertThatThrownBy(() -> CsvLeadFile.parse(file)).isInstanceOfSatisfying(InvalidFieldException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }
}
