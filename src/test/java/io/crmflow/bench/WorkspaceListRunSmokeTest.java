package io.crmflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lead list benchmark in smoke mode (a few hundred leads, a few requests, no thresholds) inside the
 * suite, so the command docs/workspace.md gives keeps working: every list answers through the
 * workspace's page and the API alike, both find the same leads, each filter narrows the list, and the
 * results are written.
 */
class WorkspaceListRunSmokeTest {

  @Test
  void shouldReadEveryListThroughThePageAndTheApi() throws Exception {
    Path out = Path.of("target", "workspace-bench-smoke");
    int leads = 400;
    List<WorkspaceListRun.Result> results = WorkspaceListRun.run(WorkspaceListRun.Options.parse("--leads=" + leads,
        "--samples=2", "--warmup=1", "--out=" + out,
        Boolean.getBoolean("crmflow.test.postgres") ? "--db=postgres" : "--db=h2"));

    assertThat(results).hasSize(WorkspaceListRun.scenarios(leads).size() * 2);
    assertThat(results).allSatisfy(result -> {
      assertThat(result.status()).as(result.list() + " " + result.endpoint()).isEqualTo(200);
      assertThat(result.serverMedian()).as(result.list() + " " + result.endpoint()).isPositive();
    });
    Map<String, List<Long>> totals = results.stream().collect(Collectors.groupingBy(WorkspaceListRun.Result::list,
        Collectors.mapping(WorkspaceListRun.Result::total, Collectors.toList())));
    totals.forEach((list, both) -> assertThat(both).as(list + ": page and API find the same").hasSize(2)
        .containsOnly(both.get(0)));
    Map<String, Long> total = totals.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get(0)));
    assertThat(total).containsEntry("no filter", (long) leads).containsEntry("deep page", (long) leads);
    assertThat(total.values()).allSatisfy(count -> assertThat(count).isBetween(1L, (long) leads));
    assertThat(total.get("rating")).isLessThan(leads);
    assertThat(total.get("text search")).isLessThan(leads);
    assertThat(Files.readString(out.resolve("results.md"))).contains("| text search |", "/app/leads", "/api/leads");
  }
}
