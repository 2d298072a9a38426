package io.tenantra.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantNamePolicyTest {

    private static List<String> slugProblems(String slug) {
        Violations violations = new Violations();
        TenantNamePolicy.slug(slug, violations);
        return violations.list().stream().map(Violations.Violation::field).toList();
    }

    private static List<String> nameProblems(String name) {
        Violations violations = new Violations();
        TenantNamePolicy.name(name, violations);
        return violations.list().stream().map(Violations.Violation::field).toList();
    }

    @Test
    void slugsAreLowercaseLettersDigitsAndDashesOf2To63Characters() {
        for (String ok : List.of("ab", "a1", "1a", "acme-eu-west", "a-", "a".repeat(63))) {
            assertThat(slugProblems(ok)).as(ok).isEmpty();
        }
        for (String bad : List.of("a", "-a", "Acme", "ac_me", "ac me", "acmé", "a".repeat(64), "")) {
            assertThat(slugProblems(bad)).as(bad).containsExactly("slug");
        }
        assertThat(slugProblems(null)).containsExactly("slug");
    }

    @Test
    void namesAreOneTo200CharactersAndNotBlank() {
        assertThat(nameProblems("A")).isEmpty();
        assertThat(nameProblems("x".repeat(200))).isEmpty();
        assertThat(nameProblems("x".repeat(201))).containsExactly("name");
        assertThat(nameProblems(" \t")).containsExactly("name");
        assertThat(nameProblems("")).containsExactly("name");
        assertThat(nameProblems(null)).containsExactly("name");
    }
}
