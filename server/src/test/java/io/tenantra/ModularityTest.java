package io.tenantra;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure described in docs/architecture.md holds: no cycles, no reaching into internals. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(TenantraApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDiagrams() {
        // Diagrams land in target/spring-modulith-docs for docs/architecture.md to be checked against.
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
