package io.crmflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void shouldCompareAddressesByOneRule() {
    assertThat(EmailAddress.normalize("Ada@Example.ORG")).isEqualTo("ada@example.org");
    assertThat(EmailAddress.normalize(" \t ada@example.org \n")).isEqualTo("ada@example.org");
    // Unicode white space (ideographic space, em space) is stripped as well: trim() left it
    assertThat(EmailAddress.normalize("\u3000ada@example.org\u2003")).isEqualTo("ada@example.org");
    // the same text in two Unicode forms (é as one code point, or e + combining accent) is one address
    assertThat(EmailAddress.normalize("ren\u00e9@example.org")).isEqualTo(EmailAddress.normalize("rene\u0301@example.org"));
    assertThat(EmailAddress.of("  Ada@Example.org ").value()).isEqualTo("Ada@Example.org");
    assertThat(EmailAddress.of("Ada@Example.org").normalized()).isEqualTo("ada@example.org");
  }

  @Test
  void shouldTellAddressesFromIdsAndRejectBlankOnes() {
    assertThat(EmailAddress.looksLikeAddress("ada@example.org")).isTrue();
    assertThat(EmailAddress.looksLikeAddress("0b7c9a4e-0000-4000-8000-000000000000")).isFalse();
    assertThat(EmailAddress.isWellFormed("ada@example.org")).isTrue();
    assertThat(EmailAddress.isWellFormed("ada@example")).isFalse();
    assertThatThrownBy(() -> EmailAddress.of(" \u3000 ")).isInstanceOf(IllegalArgumentException.class);
  }
}
