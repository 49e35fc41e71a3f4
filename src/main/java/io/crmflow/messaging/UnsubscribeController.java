package io.crmflow.messaging;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of marketing emails; no login. POST is RFC 8058 one-click (mail clients
 * send it for the List-Unsubscribe header); GET shows a confirmation page whose button POSTs.
 */
@RestController
class UnsubscribeController {

  private final UnsubscribeService unsubscribes;

  UnsubscribeController(UnsubscribeService unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @GetMapping(value = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirmationPage(@PathVariable String token) {
    if (!unsubscribes.isValid(token)) {
      return notFound();
    }
    return ResponseEntity.ok(page("Unsubscribe", """
        <p>Do you want to stop receiving marketing emails from us?</p>
        <form method="post" action="/unsubscribe/%s">
          <input type="hidden" name="List-Unsubscribe" value="One-Click">
          <button type="submit">Unsubscribe</button>
        </form>""".formatted(HtmlUtils.htmlEscape(token))));
  }

  @PostMapping(value = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    if (!unsubscribes.unsubscribe(token)) {
      return notFound();
    }
    return ResponseEntity.ok(page("Unsubscribed", "<p>You will receive no more marketing emails from us.</p>"));
  }

  private static ResponseEntity<String> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML)
        .body(page("Link not valid", "<p>This unsubscribe link is not valid or has expired. "
            + "Use the link in a more recent email, or reply to it and ask us to stop.</p>"));
  }

  private static String page(String title, String body) {
    return """
        <!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>%s</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="font-family: Arial, sans-serif; max-width: 32em; margin: 3em auto;"><h1>%s</h1>%s</body></html>
        """.formatted(title, title, body);
  }
}
