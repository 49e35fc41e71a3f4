package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 12: rotating CRMFLOW_MESSAGING_SECRET. Before, every unsubscribe link already sent broke
 * and every suppressed address was suppressed no more (its hash changed with the secret).
 */
class MessagingSecretRotationTest {

  private static final String OLD = "the-old-messaging-secret-0123";
  private static final String NEW = "the-new-messaging-secret-4567";

  @Test
  void shouldKeepLinksSignedWithThePreviousSecretWorkingDuringTheRotation() {
    String link = new UnsubscribeTokens(properties(OLD, null, null)).issue("message-1");

    assertThat(new UnsubscribeTokens(properties(NEW, OLD, null)).verify(link)).contains("message-1");
    assertThat(new UnsubscribeTokens(properties(NEW, null, null)).verify(link))
        .as("once the previous secret is gone, so are its links").isEmpty();
    assertThat(new UnsubscribeTokens(properties(NEW, OLD, null)).verify(
        new UnsubscribeTokens(properties("a-third-unrelated-secret-89", null, null)).issue("message-1")))
        .as("a link no secret of ours signed").isEmpty();
  }

  @Test
  void shouldMatchReplyAddressesSignedWithThePreviousSecretDuringTheRotation() {
    String messageRowId = "0b7f3c52-6a1e-4d0e-9c57-2f8f0d6f4a11";
    String address = replyAddresses(OLD, null).of(messageRowId).orElseThrow();

    assertThat(address).matches("reply\\+[0-9a-f]{32}-[0-9a-f]{20}@reply\\.crmflow\\.example").hasSizeLessThan("@reply.crmflow.example".length() + 64);
    assertThat(replyAddresses(NEW, OLD).messageOf("Sales <" + address.toUpperCase() + ">")).contains(messageRowId);
    assertThat(replyAddresses(NEW, null).messageOf(address)).as("once the previous secret is gone").isEmpty();
    String forged = address.replaceFirst("-[0-9a-f]{20}@", "-00000000000000000000@");
    assertThat(replyAddresses(NEW, OLD).messageOf(forged)).as("a signature no secret of ours made").isEmpty();
    assertThat(replyAddresses(OLD, null).messageOf(address.replace("reply.crmflow.example", "elsewhere.example")))
        .as("another domain").isEmpty();
    assertThat(new ReplyAddresses(properties(OLD, null, null), new ReplyAddressProperties(null)).of(messageRowId))
        .as("no reply domain, no Reply-To").isEmpty();
  }

  private static ReplyAddresses replyAddresses(String secret, String previousSecret) {
    return new ReplyAddresses(properties(secret, previousSecret, null), new ReplyAddressProperties("reply.crmflow.example"));
  }

  @Test
  void shouldHashSuppressedAddressesWithAKeyThatDoesNotRotate() {
    // an installation that predates the key: its hashes were salted with the secret it had then
    String before = new Suppressions(null, properties(OLD, null, null), null).hash("ada@example.org");

    String afterRotation = new Suppressions(null, properties(NEW, OLD, OLD), null).hash("ada@example.org");

    assertThat(afterRotation).isEqualTo(before);
    assertThat(new Suppressions(null, properties(NEW, null, "another-key-0123456789"), null)
        .hash("ADA@example.org ")).as("one address, one hash, whatever the spelling")
        .isEqualTo(new Suppressions(null, properties(OLD, null, "another-key-0123456789"), null)
            .hash("ada@example.org"));
  }

  private static MessagingProperties properties(String secret, String previousSecret, String suppressionKey) {
    return new MessagingProperties(secret, 2, Duration.ofDays(365), Duration.ofSeconds(30), Duration.ofSeconds(30),
        previousSecret, suppressionKey, 10);
  }
}
