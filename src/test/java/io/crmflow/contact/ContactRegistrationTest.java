package io.crmflow.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A person's first registration writes the contact once and hands back the row as it is stored. */
@ProcessTest
class ContactRegistrationTest {

  @Autowired ContactService contacts;
  @Autowired TransactionTemplate transactions;

  @Test
  void shouldHandBackANewContactAsStoredWithoutReadingItBack() {
    ContactDetails details = new ContactDetails("Ada." + UUID.randomUUID() + "@Example.org", "Ada Lovelace",
        "+442079460000", "Analytical Engines", ContactLocale.ZH_CN, true, null);

    List<ContactService.Registration> registered = new ArrayList<>();
    List<String> statements = Statements.runBy(() -> transactions.executeWithoutResult(
        status -> registered.add(contacts.register(details, FieldPolicy.NEWER_WINS))));

    ContactService.Registration registration = registered.get(0);
    assertThat(registration.created()).isTrue();
    assertThat(contacts.get(registration.contact().id())).isEqualTo(registration.contact());
    assertThat(statements).as("looked up by address, then inserted; not read back")
        .noneMatch(statement -> statement.contains("from crm_contact where"))
        .anyMatch(statement -> statement.contains("insert into crm_contact "));
  }

  @Test
  void shouldFindTheContactOfAKnownAddressAndLockIt() {
    String email = "grace." + UUID.randomUUID() + "@example.org";
    Contact first = transactions.execute(status -> contacts.register(ContactDetails.ofAddress(email),
        FieldPolicy.NEWER_WINS).contact());

    ContactService.Registration again = transactions.execute(status -> contacts.register(
        ContactDetails.ofAddress(email.toUpperCase()), FieldPolicy.NEWER_WINS));

    assertThat(again.created()).isFalse();
    assertThat(again.contact()).isEqualTo(first);
  }
}
