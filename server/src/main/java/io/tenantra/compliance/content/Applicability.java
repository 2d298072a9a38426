package io.tenantra.compliance.content;

import java.util.List;
import java.util.Set;

/**
 * When a check (or a whole policy) applies to an asset; an asset outside it gets
 * NOT_APPLICABLE, never pass or fail.
 *
 * @param osFamilies {@code linux}, {@code windows}, {@code macos}; empty: any
 * @param osIds os-release {@code ID} or any of {@code ID_LIKE} ({@code debian}, {@code rhel},
 *     {@code ubuntu}…); empty: any
 * @param osVersion a version constraint on {@code VERSION_ID}, e.g. {@code ">=12"}; null: any
 * @param packages packages that must be installed (by name, any manager)
 * @param files files that must exist (answered by probes)
 * @param requirement further rules (SCA {@code requirements}); null: none
 */
public record Applicability(
        Set<String> osFamilies,
        Set<String> osIds,
        String osVersion,
        List<String> packages,
        List<String> files,
        Requirement requirement) {

    public static final Applicability ANY = new Applicability(Set.of(), Set.of(), null, List.of(), List.of(), null);

    public Applicability {
        osFamilies = osFamilies == null ? Set.of() : Set.copyOf(osFamilies);
        osIds = osIds == null ? Set.of() : Set.copyOf(osIds);
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Rules combined by a condition, as in SCA {@code requirements}. */
    public record Requirement(String title, Condition condition, List<Rule> rules) {

        public Requirement {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }
}
