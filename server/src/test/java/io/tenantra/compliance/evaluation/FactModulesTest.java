package io.tenantra.compliance.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which agent modules judging content can read, so that nothing else is loaded. */
class FactModulesTest {

    @Test
    void modulesComeFromChecksApplicabilityAndPolicyRequirementsPlusSystemAndPackages() {
        Policy policy = CheckFormat.parse("types.yaml", """
                format: tenantra/checks@1
                policy:
                  id: types
                  version: "1"
                  title: Types
                  applies:
                    requirements:
                      title: root exists
                      rules:
                        - fact: {module: users, type: user, key: root, attribute: uid, equals: '0'}
                checks:
                  - id: types-one
                    version: 1
                    title: One
                    severity: low
                    applies:
                      os: [linux]
                      requirements:
                        title: pam_unix is used
                        rules:
                          - fact: {module: config, type: pam_module, key: pam_unix, attribute: present, equals: 'true'}
                    condition: all
                    rules:
                      - fact: {module: kernel, type: sysctl, key: kernel.sysrq, attribute: value, equals: '0'}
                """, PolicyOrigin.IMPORTED_TENANTRA);
        assertThat(FactModules.readBy(List.of(policy)))
                .containsExactlyInAnyOrder("system", "packages", "users", "config", "kernel");
    }
}
