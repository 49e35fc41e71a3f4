package io.crmflow.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The Reply-To of every email: {@code reply+<message>-<signature>@<reply domain>}, where {@code <message>} is the
 * message log row's id (a UUID, hex without hyphens) and {@code <signature>} the first 10 bytes of its HMAC-SHA256
 * with {@code crmflow.messaging.secret} (the previous secret verifies too, while it is rotated). A reply is matched
 * to its message by this address alone, never by the From header, which anyone can write; the address names no
 * person. Lower-case hex, since mail systems may change the case of a local part; 59 characters, within the 64 a
 * local part may have.
 */
@Component
public class ReplyAddresses {

  private static final int SIGNATURE_BYTES = 10;
  private static final Pattern ADDRESS = Pattern.compile("reply\\+([0-9a-f]{32})-([0-9a-f]{20})@(.+)");
  private static final HexFormat HEX = HexFormat.of();

  private final SigningKeys keys;
  private final ReplyAddressProperties properties;

  ReplyAddresses(MessagingProperties messaging, ReplyAddressProperties properties) {
    this.keys = new SigningKeys("reply", messaging);
    this.properties = properties;
  }

  /** Whether emails carry a reply address (a reply domain is configured): inbound email is on. */
  public boolean enabled() {
    return properties.enabled();
  }

  /** The reply address of the message log row; empty when no reply domain is configured. */
  public Optional<String> of(String messageRowId) {
    if (!enabled()) {
      return Optional.empty();
    }
    String id = messageRowId.replace("-", "");
    String signature = HEX.formatHex(keys.sign(id.getBytes(StandardCharsets.US_ASCII)), 0, SIGNATURE_BYTES);
    return Optional.of("reply+" + id + "-" + signature + "@" + properties.replyDomain());
  }

  /**
   * The message log row a reply was sent to, from the recipients the provider names (one address or several,
   * comma-separated, with or without display names): the first authentic reply address of this reply domain.
   */
  public Optional<String> messageOf(String recipients) {
    if (!enabled() || recipients == null) {
      return Optional.empty();
    }
    for (String recipient : recipients.split(",")) {
      String address = recipient.strip();
      int open = address.lastIndexOf('<');
      if (open >= 0 && address.endsWith(">")) {
        address = address.substring(open + 1, address.length() - 1);
      }
      Matcher matcher = ADDRESS.matcher(address.toLowerCase(Locale.ROOT));
      if (matcher.matches() && matcher.group(3).equals(properties.replyDomain())
          && keys.verifiesTruncated(matcher.group(1).getBytes(StandardCharsets.US_ASCII), HEX.parseHex(matcher.group(2)),
              SIGNATURE_BYTES)) {
        return Optional.of(uuid(matcher.group(1)));
      }
    }
    return Optional.empty();
  }

  private static String uuid(String hex) {
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20);
  }
}
