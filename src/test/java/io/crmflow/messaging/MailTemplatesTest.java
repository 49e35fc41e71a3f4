package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.contact.ContactLocale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates are parsed once; what differs per recipient is rendered per message; a missing locale falls back. */
class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates();

  @Test
  void shouldParseEachTemplateOnceAndRenderEveryRecipientsOwnValues() {
    MailTemplates.RenderedMail ada = templates.render("welcome", ContactLocale.EN,
        Map.of("name", "Ada  <Lovelace>", "company", "Engines & Co"));
    MailTemplates.RenderedMail alan = templates.render("welcome", ContactLocale.EN, Map.of("name", "Alan"));

    assertThat(ada.subject()).isEqualTo("Welcome to crmflow, Ada <Lovelace>");
    assertThat(ada.html()).contains("Ada  &lt;Lovelace&gt;", "Engines &amp; Co");
    assertThat(ada.text()).contains("Dear Ada  <Lovelace>,", "on behalf of Engines & Co");
    assertThat(alan.subject()).isEqualTo("Welcome to crmflow, Alan");
    assertThat(alan.text()).contains("Dear Alan,").doesNotContain("Ada", "on behalf of");
    // welcome_en.html and welcome_en.txt, parsed for the first message only
    assertThat(templates.parsedTemplates()).isEqualTo(2);
  }

  @Test
  void shouldFallBackToEnglishWhereALocaleIsMissingAndKeepEachLocaleApart() {
    MailTemplates.RenderedMail chinese = templates.render("welcome", ContactLocale.ZH_CN, Map.of("name", "Ada"));
    MailTemplates.RenderedMail english = templates.render("welcome", ContactLocale.EN, Map.of("name", "Ada"));
    MailTemplates.RenderedMail fallback = templates.render("deal-won", ContactLocale.ZH_CN, Map.of("name", "Ada"));

    assertThat(chinese.html()).contains("lang=\"zh-CN\"");
    assertThat(english.html()).contains("lang=\"en\"");
    assertThat(fallback.html()).contains("lang=\"en\"");
  }
}
