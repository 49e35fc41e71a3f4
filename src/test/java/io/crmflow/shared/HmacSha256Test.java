package io.crmflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

  /** RFC 4231, test case 2. */
  private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
  private static final String EXPECTED = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

  @Test
  void shouldSignAsTheRfcSaysOnceAndWithAKeyKeptForManySignatures() {
    HmacSha256.Key key = HmacSha256.key(KEY);

    assertThat(HexFormat.of().formatHex(HmacSha256.of(KEY, DATA))).isEqualTo(EXPECTED);
    // again and again: each signature starts from the key, not from what the one before left
    for (int i = 0; i < 3; i++) {
      assertThat(HexFormat.of().formatHex(key.sign(DATA))).isEqualTo(EXPECTED);
    }
  }
}
