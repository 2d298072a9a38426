package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * One line of a mappings file: check {@code checkId} (of policy {@code policyId} when the file
 * names one, else of any policy) supports these controls of framework {@code frameworkId}. Lets a
 * tenant map content it did not write (an imported Wazuh policy, our built-in checks) to a
 * framework without editing the content itself.
 */
public record FrameworkMapping(
        String policyId, String checkId, String frameworkId, List<String> controlIds, SourceLocation location) {

    public FrameworkMapping {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(frameworkId, "frameworkId");
        controlIds = controlIds == null ? List.of() : List.copyOf(controlIds);
        location = location == null ? SourceLocation.BUILT_IN : location;
    }

    /** Whether this line speaks about the given check of the given policy. */
    public boolean appliesTo(String policy, String check) {
        return checkId.equals(check) && (policyId == null || policyId.equals(policy));
    }
}
