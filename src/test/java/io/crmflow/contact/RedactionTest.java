package io.crmflow.contact;

import io.crmflow.contact.Redaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void shouldRemoveAddressesAndPhoneNumbersButKeepTheRest() {
    assertThat(Redaction.redact("550 5.1.1 <Ada.Lovelace@example.org>: Recipient address rejected"))
        .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected");
    assertThat(Redaction.redact("Invalid Addresses; nested exception: ada@example.org; 451 4.3.0 try again"))
        .isEqualTo("Invalid Addresses; nested exception: <address>; 451 4.3.0 try again");
    assertThat(Redaction.redact("The 'To' number +44 20 7946 0123 is not a valid phone number"))
        .isEqualTo("The 'To' number <phone> is not a valid phone number");
    assertThat(Redaction.redact(null)).isNull();
  }
}
