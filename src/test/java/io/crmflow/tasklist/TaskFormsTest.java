package io.crmflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Camunda Forms hold what the decision needs and a short instruction; the record itself is on
 * the plug-in's Record tab, so no form sends a person to an API.
 */
class TaskFormsTest {

  private static final Path FORMS = Path.of("bpmn", "forms");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields each process reads from its form: they must stay. */
  private static final Map<String, List<String>> DECISIONS = Map.of(
      "review-lead", List.of("qualified", "reviewNote"),
      "handle-case", List.of("resolution", "outcome"),
      "approve-quote", List.of("approved", "reason"),
      "approve-refund", List.of("refundApproved"));

  static Stream<Path> forms() throws IOException {
    return Files.list(FORMS).filter(path -> path.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void shouldOpenWithAShortInstructionAndSendNobodyToAnApi(Path form) throws IOException {
    JsonNode components = JSON.readTree(form.toFile()).get("components");
    JsonNode instruction = components.get(0);
    assertThat(instruction.get("type").asText()).isEqualTo("text");
    assertThat(instruction.get("text").asText()).hasSizeLessThanOrEqualTo(250).contains("Record tab");
    for (JsonNode component : components) {
      String words = component.path("text").asText() + " " + component.path("label").asText();
      assertThat(words).as(form + " " + component.path("id").asText())
          .doesNotContainIgnoringCase("/api").doesNotContainIgnoringCase("engine-rest")
          .doesNotContain("GET ", "{{");
    }
  }

  @Test
  void shouldKeepTheFieldsTheProcessesRead() throws IOException {
    for (Map.Entry<String, List<String>> decision : DECISIONS.entrySet()) {
      List<String> keys = new ArrayList<>();
      JSON.readTree(FORMS.resolve(decision.getKey() + ".form").toFile()).get("components")
          .forEach(component -> keys.add(component.path("key").asText()));
      assertThat(keys).as(decision.getKey()).containsAll(decision.getValue());
    }
  }
}
