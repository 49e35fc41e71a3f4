package io.crmflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark in smoke mode (a few requests, no thresholds) inside the suite, so the command the
 * docs/performance.md documents keeps working: every scenario runs, every request gets through end to end, the
 * emails arrive and results.json is written.
 */
class BenchmarkSmokeTest {

  @Test
  void shouldRunEveryScenarioEndToEndAndWriteResults() throws Exception {
    Path out = Path.of("target", "bench-smoke");
    List<Benchmark.Result> results = Benchmark.run(Benchmark.Options.parse("--leads=10", "--rate=20",
        "--warmup=3", "--clients=4", "--out=" + out,
        Boolean.getBoolean("crmflow.test.postgres") ? "--db=postgres" : "--db=h2"));

    assertThat(results).extracting(Benchmark.Result::scenario).containsExactly("lead-intake",
        "engine floor (empty process)", "engine, lead-intake's shape", "plain Spring (insert + email)",
        "lead-intake", "engine floor (empty process)", "engine, lead-intake's shape",
        "plain Spring (insert + email)");
    for (Benchmark.Result result : results) {
      assertThat(result.errors()).as(result.scenario()).isZero();
      assertThat(result.throughput()).as(result.scenario()).isPositive();
      assertThat(result.endToEnd().get("p99")).as(result.scenario()).isGreaterThanOrEqualTo(result.rest().get("p50"));
    }
    // what each instance cost: the app's CPU always; on PostgreSQL also its CPU, statements and growth
    for (Benchmark.Result result : results) {
      ResourceMeter.Usage usage = result.perInstance();
      assertThat(usage.appCpuMs()).as(result.scenario()).isPositive();
      assertThat(usage.appCpuMsByThread()).as(result.scenario()).isNotEmpty();
      if (Boolean.getBoolean("crmflow.test.postgres")) {
        assertThat(usage.walBytes()).as(result.scenario()).isPositive();
        assertThat(usage.databaseBytes()).as(result.scenario()).isNotNull();
        if (usage.dbCpuMs() == null) {
          assertThat(usage.notes()).as(result.scenario()).anyMatch(note -> note.startsWith("PostgreSQL's CPU"));
        }
        if (usage.statements() == null) {
          assertThat(usage.notes()).as(result.scenario()).anyMatch(note -> note.contains("pg_stat_statements"));
        } else {
          assertThat(usage.statements()).as(result.scenario()).isPositive();
          assertThat(usage.topStatements()).as(result.scenario()).isNotEmpty()
              .noneMatch(row -> row.get("query").toString().contains(ResourceMeter.BENCH_MARK));
        }
      } else {
        assertThat(usage.statements()).as(result.scenario()).isNull();
      }
    }
    // lead intake and the plain baseline each send one welcome email per request; the engine scenarios none
    assertThat(results).extracting(Benchmark.Result::emails).containsExactly(10L, 0L, 0L, 10L, 10L, 0L, 0L, 10L);
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"ratios\"", "lead-intake",
        "app CPU per instance lead-intake / plain Spring", "\"perInstance\"");
  }
}
