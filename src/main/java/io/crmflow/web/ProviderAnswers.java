package io.crmflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.client.ClientHttpResponse;

/** Reading what an HTTP provider crmflow calls (SMS, payment gateway) answered, defensively. */
public final class ProviderAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** A provider's answer is small; more is not read (an endless or hostile body cannot exhaust memory). */
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private ProviderAnswers() {
  }

  /** The body as JSON, or null when there is none or it is not JSON (an HTML error page of a proxy, say). */
  public static JsonNode readJson(ClientHttpResponse response) throws IOException {
    byte[] body;
    try (InputStream in = response.getBody()) {
      body = in.readNBytes(MAX_BODY_BYTES);
    }
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** A field's text, or null when the node, the field or its text is missing or blank. */
  public static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }
}
