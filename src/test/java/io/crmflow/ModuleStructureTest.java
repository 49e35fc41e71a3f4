package io.crmflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package under io.crmflow is a module (its package-info says what for): the graph of modules
 * has no cycles, a module uses only the modules its {@code @ApplicationModule(allowedDependencies)}
 * names, and only through their top-level package, never their sub-packages.
 */
class ModuleStructureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(CrmflowApplication.class);

  @Test
  void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
    MODULES.verify();
  }
}
