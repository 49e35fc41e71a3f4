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
