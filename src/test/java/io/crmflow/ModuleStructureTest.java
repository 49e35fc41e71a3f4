package io.crmflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package under io.crmflow is a module (its package-info says what for): the graph of modules
 * has no cycles, and a module uses another only through that module's top-level package, never its
 * sub-packages.
 */
class ModuleStructureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(CrmflowApplication.class);

  @Test
  void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
    MODULES.verify();
  }
}
