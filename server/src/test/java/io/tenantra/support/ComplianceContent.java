package io.tenantra.support;

/**
 * Small, valid compliance content files for tests: a policy in our format (optionally with a
 * command rule), a one-control framework and a mapping file.
 */
public final class ComplianceContent {

    private ComplianceContent() {}

    /**
     * A policy {@code id} with check {@code <id>-fact} (passes when sshd's PermitRootLogin is
     * "no", mapped to control PR-1 of framework {@code probe-framework}) and, when asked, check
     * {@code <id>-command} running {@code id -u}.
     */
    public static String policy(String id, boolean commandRule) {
        return policy(id, "1.0", "no", commandRule);
    }

    /** As {@link #policy(String, boolean)}, with the version and the PermitRootLogin value that passes. */
    public static String policy(String id, String version, String passingValue, boolean commandRule) {
        String yaml = """
                format: tenantra/checks@1
                policy:
                  id: %1$s
                  version: "%2$s"
                  title: Test policy %1$s
                  description: Written by a test.
                checks:
                  - id: %1$s-fact
                    version: 1
                    title: SSH does not permit root login
                    description: Root must not log in over SSH.
                    rationale: Direct root logins leave no trace of who acted.
                    severity: high
                    condition: all
                    rules:
                      - fact:
                          module: config
                          type: sshd_setting
                          key: permitrootlogin
                          attribute: value
                          equals: "%3$s"
                    remediation:
                      text: Set PermitRootLogin no.
                    frameworks:
                      probe-framework: [PR-1]
                """.formatted(id, version, passingValue);
        if (commandRule) {
            yaml += """
                      - id: %1$s-command
                        version: 1
                        title: The agent runs as root
                        description: A command rule.
                        rationale: Tests command gating.
                        severity: low
                        condition: all
                        rules:
                          - probe:
                              command: "id -u"
                              lines:
                                - equals: "0"
                    """.formatted(id);
        }
        return yaml;
    }

    /** A framework {@code id} with controls PR-1 and PR-2 (the second manual). */
    public static String framework(String id) {
        return """
                format: tenantra/framework@1
                framework:
                  id: %1$s
                  version: "1"
                  title: Test framework %1$s
                  publisher: Tests
                controls:
                  - id: PR-1
                    title: Remote access is restricted
                    family: Access
                    weight: 2
                  - id: PR-2
                    title: Staff are trained
                    family: People
                    manual: true
                """.formatted(id);
    }

    /** A mapping file linking {@code check} to control PR-1 of {@code probe-framework}. */
    public static String mappings(String check) {
        return """
                format: tenantra/mappings@1
                mappings:
                  - check: %1$s
                    framework: probe-framework
                    controls: [PR-1]
                """.formatted(check);
    }
}
