package io.crmflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.Api;
import io.crmflow.testsupport.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Every template in templates/mail/ previews in every locale it ships, and every template a model sends
 * to a customer (a send task with recipientKind contact in bpmn/) ships in English and Chinese.
 */
@ApiTest
class MailTemplateCatalogTest {

  private static final Pattern FILE = Pattern.compile("(.+)_(en|zh-CN)\\.html");
  private static final Pattern CUSTOMER_SEND = Pattern.compile(
      "name=\"template\">\\s*<camunda:string>([^<]+)</camunda:string>\\s*</camunda:field>\\s*"
          + "<camunda:field name=\"recipientKind\">\\s*<camunda:string>contact<");

  @Autowired Api api;

  static Stream<String[]> templatesAndLocales() throws IOException {
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/mail/*.html");
    assertThat(files).hasSizeGreaterThan(20);
    return Arrays.stream(files).map(Resource::getFilename).map(FILE::matcher).filter(Matcher::matches)
        .map(match -> new String[] {match.group(1), match.group(2)});
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("templatesAndLocales")
  void shouldPreviewEveryTemplateInEveryLocaleItShips(String name, String locale) {
    ResponseEntity<String> preview = api.get("admin", "/api/messages/templates/" + name + "/preview?locale=" + locale);

    assertThat(preview.getStatusCode()).as(preview.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(preview.getBody()).contains("<title>").doesNotContain("${", "[(");
    if (locale.equals("zh-CN")) {
      assertThat(preview.getBody()).as("not the English fallback").contains("lang=\"zh-CN\"");
    }
  }

  @Test
  void shouldShipEveryCustomerTemplateInEnglishAndChinese() throws IOException {
    Set<String> customerTemplates = new TreeSet<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        Matcher send = CUSTOMER_SEND.matcher(Files.readString(model));
        while (send.find()) {
          customerTemplates.add(send.group(1));
        }
      }
    }
    assertThat(customerTemplates).contains("welcome", "quote", "coupon", "case-received", "case-resolved",
        "case-waiting", "nurture-1");
    for (String template : customerTemplates) {
      for (String file : new String[] {template + "_en.html", template + "_en.txt", template + "_zh-CN.html",
          template + "_zh-CN.txt"}) {
        assertThat(Path.of("src/main/resources/templates/mail", file)).as(file).exists();
      }
    }
  }
}
