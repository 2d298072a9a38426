package io.tenantra.compliance.content.wazuh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Imports a real public Wazuh policy when one is named with {@code -Dtenantra.wazuh.policy=PATH}
 * (Wazuh's files are GPL, so none is committed here). Prints how many checks imported, how many
 * are unsupported and why; the numbers for cis_debian12.yml are recorded in docs/compliance.md.
 */
class WazuhPublicPolicyTest {

    @Test
    void importsThePublicPolicyNamedOnTheCommandLine() throws Exception {
        String location = System.getProperty("tenantra.wazuh.policy");
        assumeTrue(location != null && !location.isBlank(), "no -Dtenantra.wazuh.policy given");
        Path path = Path.of(location);

        Policy policy = WazuhPolicyImporter.parse(path.getFileName().toString(), Files.readString(path));

        long unsupported = policy.checks().stream().filter(c -> !c.supported()).count();
        long commands = policy.checks().stream().filter(Check::commandRules).count();
        Map<String, Integer> reasons = new TreeMap<>();
        for (ContentProblem problem : policy.problems()) {
            String reason = problem.message().replaceFirst("^.*?': ", "");
            reasons.merge(reason.length() > 110 ? reason.substring(0, 110) : reason, 1, Integer::sum);
        }
        System.out.printf(
                "%s: %d checks, %d supported, %d unsupported (%d unsupported rules), %d with command rules%n",
                policy.id(),
                policy.checks().size(),
                policy.checks().size() - unsupported,
                unsupported,
                policy.problems().size(),
                commands);
        reasons.forEach((reason, count) -> System.out.printf("  %4d  %s%n", count, reason));
        policy.problems().forEach(p -> System.out.println("    " + p));

        assertThat(policy.checks()).isNotEmpty();
        assertThat(policy.checks())
                .allSatisfy(c ->
                        assertThat(c.rules().size() + c.unsupported().size()).isPositive());
    }
}
