package io.tenantra.compliance.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.builtin.BuiltInFixtures.Area;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.FrameworkFormat;
import io.tenantra.model.ProbeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The built-in library as a whole: enough checks per operating system, unique and well-formed
 * ids, a pass and a fail fixture for every check (and no fixture without a check), the content
 * rules of docs/compliance.md (remediation with commands, references, no shell), and framework
 * mappings that point at real controls: our own baseline always, and the public catalogues
 * whenever their files are on the classpath.
 */
class BuiltInContentCatalogueTest {

    /** Framework ids built-in checks may map to; each has (or will have) a catalogue file. */
    static final Set<String> KNOWN_FRAMEWORKS = Set.of(
            "tenantra-linux-l1", "tenantra-linux-l2", "nist-800-53-r5", "iso-27001-2022", "pci-dss-4.0", "hipaa");

    private static List<Area> areas;

    @BeforeAll
    static void load() {
        areas = BuiltInFixtures.areas();
    }

    private static List<Check> checks(String os) {
        return areas.stream()
                .filter(a -> a.os().equals(os))
                .flatMap(a -> a.policy().checks().stream())
                .toList();
    }

    @Test
    void theLibraryHasTheAgreedSize() {
        assertThat(checks("linux")).hasSizeGreaterThanOrEqualTo(200);
        assertThat(checks("windows")).hasSizeGreaterThanOrEqualTo(15);
        assertThat(checks("macos")).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void idsAreUniqueAndNamedAfterTheirOperatingSystem() {
        Map<String, String> prefixes = Map.of("linux", "tn-linux-", "windows", "tn-win-", "macos", "tn-mac-");
        Set<String> seen = new HashSet<>();
        for (Area area : areas) {
            assertThat(area.policy().id()).as(area.path()).startsWith("tenantra-" + area.os() + "-");
            for (Check check : area.policy().checks()) {
                assertThat(seen.add(check.id()))
                        .as("duplicate id %s", check.id())
                        .isTrue();
                assertThat(check.id()).as(area.path()).startsWith(prefixes.get(area.os()));
                assertThat(check.version()).as(check.id()).isPositive();
                assertThat(check.applicability().osFamilies()).as(check.id()).containsExactly(area.os());
            }
        }
        Set<String> policies = new HashSet<>();
        areas.forEach(
                a -> assertThat(policies.add(a.policy().id())).as(a.path()).isTrue());
    }

    @Test
    void everyCheckHasAPassAndAFailFixtureAndEveryFixtureACheck() {
        for (Area area : areas) {
            Set<String> ids = new HashSet<>();
            for (Check check : area.policy().checks()) {
                ids.add(check.id());
                assertThat(area.fixture(check.id(), "pass").isObject())
                        .as("pass fixture of %s", check.id())
                        .isTrue();
                assertThat(area.fixture(check.id(), "fail").isObject())
                        .as("fail fixture of %s", check.id())
                        .isTrue();
            }
            List<String> fixtureIds = new ArrayList<>();
            area.fixtures().path("checks").propertyNames().forEach(fixtureIds::add);
            assertThat(ids).as("fixtures in %s without a check", area.path()).containsAll(fixtureIds);
        }
    }

    @Test
    void everyCheckIsCompleteContent() {
        for (Area area : areas) {
            for (Check check : area.policy().checks()) {
                assertThat(check.title()).as(check.id()).isNotBlank();
                assertThat(check.description()).as(check.id()).isNotBlank();
                assertThat(check.rationale()).as(check.id()).isNotBlank();
                assertThat(check.severity()).as(check.id()).isNotNull();
                assertThat(check.rules()).as(check.id()).isNotEmpty();
                assertThat(check.remediation().text()).as(check.id()).isNotBlank();
                assertThat(check.remediation().commands()).as(check.id()).isNotEmpty();
                assertThat(check.references()).as(check.id()).isNotEmpty().allMatch(r -> r.startsWith("https://"));
                assertThat(check.supported()).as(check.id()).isTrue();
                for (var rule : check.rules()) {
                    if (rule instanceof ProbeRule probe) {
                        assertThat(probe.probe().shell())
                                .as("%s runs no shell", check.id())
                                .isFalse();
                        if (area.os().equals("linux")) {
                            assertThat(probe.probe().kind())
                                    .as("%s: Linux content runs no commands", check.id())
                                    .isNotEqualTo(ProbeKind.COMMAND);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyLinuxCheckBelongsToOurBaselineAndNist() {
        for (Check check : checks("linux")) {
            assertThat(check.frameworks())
                    .as(check.id())
                    .containsKey("tenantra-linux-l2")
                    .containsKey("nist-800-53-r5");
            List<String> l1 = check.frameworks().get("tenantra-linux-l1");
            if (l1 != null) {
                assertThat(l1)
                        .as("level 1 is part of level 2: %s", check.id())
                        .isEqualTo(check.frameworks().get("tenantra-linux-l2"));
            }
        }
    }

    @Test
    void everyMappingNamesAKnownFrameworkAndARealControl() throws IOException {
        Map<String, Set<String>> catalogues = catalogues();
        // Our own baseline ships with the checks; the public catalogues are checked whenever present.
        assertThat(catalogues).containsKeys("tenantra-linux-l1", "tenantra-linux-l2");
        Map<String, Integer> used = new HashMap<>();
        for (Area area : areas) {
            for (Check check : area.policy().checks()) {
                for (Map.Entry<String, List<String>> mapping :
                        check.frameworks().entrySet()) {
                    assertThat(KNOWN_FRAMEWORKS)
                            .as("%s maps to %s", check.id(), mapping.getKey())
                            .contains(mapping.getKey());
                    assertThat(mapping.getValue())
                            .as("%s %s", check.id(), mapping.getKey())
                            .isNotEmpty();
                    Set<String> controls = catalogues.get(mapping.getKey());
                    if (controls != null) {
                        assertThat(controls)
                                .as("controls of %s named by %s", mapping.getKey(), check.id())
                                .containsAll(mapping.getValue());
                    }
                    mapping.getValue().forEach(c -> used.merge(mapping.getKey() + " " + c, 1, Integer::sum));
                }
            }
        }
        // Every control of our baseline is covered by at least one check.
        for (String level : List.of("tenantra-linux-l1", "tenantra-linux-l2")) {
            for (String control : catalogues.get(level)) {
                assertThat(used).as("%s control %s has a check", level, control).containsKey(level + " " + control);
            }
        }
        assertThat(catalogues.get("tenantra-linux-l2")).containsAll(catalogues.get("tenantra-linux-l1"));
    }

    /** Control ids of every framework file on the classpath, by framework id, read by the product's parser. */
    private static Map<String, Set<String>> catalogues() throws IOException {
        Map<String, Set<String>> catalogues = new TreeMap<>();
        Resource[] files =
                new PathMatchingResourcePatternResolver().getResources("classpath*:compliance/frameworks/*.yaml");
        for (Resource file : files) {
            Framework framework =
                    FrameworkFormat.parse(file.getFilename(), BuiltInFixtures.read(file.getInputStream()));
            Set<String> ids = new HashSet<>();
            framework.controls().forEach(control -> ids.add(control.id()));
            catalogues.put(framework.id(), ids);
        }
        return catalogues;
    }
}
