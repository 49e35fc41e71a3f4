package io.crmflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmflow.testsupport.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The import benchmark in smoke mode, against the API tests' application: its passes report what they should. */
@ApiTest
class ContactImportRunSmokeTest {

  @LocalServerPort int port;

  @Test
  void shouldDryRunCreateThenUpdateEveryRow() throws Exception {
    List<ContactImportRun.Pass> passes = ContactImportRun.importTwice("http://localhost:" + port, "admin", "admin", 50);

    assertThat(passes).extracting(ContactImportRun.Pass::name)
        .containsExactly("dry run", "import (new people)", "import again (known people)");
    assertThat(passes).extracting(ContactImportRun.Pass::created).containsExactly(50, 50, 0);
    assertThat(passes).extracting(ContactImportRun.Pass::updated).containsExactly(0, 0, 50);
    assertThat(passes).extracting(ContactImportRun.Pass::rejected).containsOnly(0);
  }
}
