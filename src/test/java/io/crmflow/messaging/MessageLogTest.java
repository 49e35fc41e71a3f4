package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.contact.ContactLocale;
import io.crmflow.testsupport.ProcessTest;
import io.crmflow.testsupport.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The message log's attempts: the first is one insert, a retry counts on the row that is there. */
@ProcessTest
class MessageLogTest {

  @Autowired MessageLog messageLog;

  @Test
  void shouldRecordTheFirstAttemptWithOneInsertAsTheRowReadsBack() {
    OutgoingMessage message = message();

    List<MessageLogEntry> first = new ArrayList<>();
    List<String> statements = Statements.runBy(() -> first.add(messageLog.beginAttempt(message)));

    assertThat(statements).singleElement().asString().contains("insert into crm_message");
    assertThat(first.get(0).status()).isEqualTo(MessageStatus.QUEUED);
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(messageLog.findByKey(message.messageKey())).contains(first.get(0));
  }

  @Test
  void shouldCountARetriedAttemptOnTheRowThatIsThere() {
    OutgoingMessage message = message();
    MessageLogEntry first = messageLog.beginAttempt(message);
    messageLog.mark(message.messageKey(), MessageStatus.SENT, null);

    MessageLogEntry retried = messageLog.beginAttempt(message);

    assertThat(retried.id()).isEqualTo(first.id());
    assertThat(retried.attempts()).isEqualTo(2);
    assertThat(retried.status()).as("what the first attempt decided stands").isEqualTo(MessageStatus.SENT);
  }

  private static OutgoingMessage message() {
    String key = "message-log-test:" + UUID.randomUUID();
    return new OutgoingMessage(Channel.EMAIL, "lead-assigned", MessageCategory.TRANSACTIONAL, key,
        MessageKeys.messageId(key), "user", "sam@example.org", "Sam", ContactLocale.EN, true, null, "user", "sam",
        null, null, Map.of());
  }
}
