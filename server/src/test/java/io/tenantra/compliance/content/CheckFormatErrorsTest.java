package io.tenantra.compliance.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of mistake in a content file is reported with file, line and field path, and all
 * mistakes of a file come back together.
 */
class CheckFormatErrorsTest {

    private static final String HEAD = "format: tenantra/checks@1\npolicy: {id: p, version: '1', title: P}\nchecks:\n";

    /** A file whose only check is {@code check} (lines 4 on, indented as a list entry). */
    private static List<String> problems(String check) {
        return problemsOfFile(HEAD + check);
    }

    private static List<String> problemsOfFile(String yaml) {
        ContentException e = catchThrowableOfType(
                ContentException.class, () -> CheckFormat.parse("p.yaml", yaml, PolicyOrigin.IMPORTED_TENANTRA));
        assertThat(e).as("content should be refused").isNotNull();
        return e.problems().stream().map(ContentProblem::toString).toList();
    }

    private static final String RULE =
            "    rules:\n      - fact: {module: kernel, type: sysctl, key: x, attribute: value, equals: 1}\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        wrong format tag      | format: tenantra/checks@2                   | p.yaml:1 format: must be tenantra/checks@1, not 'tenantra/checks@2'
        missing format        | # no format line                            | p.yaml:2 format: is required
        unknown top-level key | extra: 1                                    | p.yaml:1 extra: unknown key 'extra' (expected one of checks, format, policy, variables)
        """)
    void fileLevelMistakes(String kind, String line, String expected) {
        String yaml = line.startsWith("format")
                ? line + "\npolicy: {id: p, version: '1', title: P}\nchecks: []\n"
                : line + "\npolicy: {id: p, version: '1', title: P}\nchecks: []\n"
                        + (line.startsWith("extra") ? "format: tenantra/checks@1\n" : "");
        assertThat(problemsOfFile(yaml)).contains(expected);
    }

    @Test
    void invalidIdsAreNamed() {
        assertThat(problems("  - id: Bad_Id!\n    title: T\n    severity: low\n" + RULE))
                .containsExactly("p.yaml:4 checks[0].id: 'Bad_Id!' is not a valid id ([a-z0-9][a-z0-9._-]{0,99})");
    }

    @Test
    void duplicateCheckIdsNameTheFirstLine() {
        String check = "  - id: same\n    title: T\n    severity: low\n" + RULE;
        assertThat(problems(check + check))
                .containsExactly("p.yaml:9 checks[1].id: duplicate check id 'same' (first at line 4)");
    }

    @Test
    void missingRequiredFieldsAreNamedAtTheirMapping() {
        assertThat(problems("  - id: c\n    rules:\n      - fact: {type: sysctl}\n"))
                .containsExactly(
                        "p.yaml:4 checks[0].title: is required",
                        "p.yaml:4 checks[0].severity: is required",
                        "p.yaml:6 checks[0].rules[0].fact.module: is required");
    }

    @Test
    void oneOperatorPerTest() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - fact: {module: m, type: t, attribute: value, equals: 1, matches: x}\n"))
                .containsExactly(
                        "p.yaml:8 checks[0].rules[0].fact.matches: only one operator per rule (found equals, matches)");
    }

    @Test
    void unknownKeysAreNamedWithWhatIsExpected() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    sevrity: high\n" + RULE))
                .singleElement()
                .asString()
                .startsWith("p.yaml:7 checks[0].sevrity: unknown key 'sevrity' (expected one of applies, condition,");
    }

    @Test
    void regexesMustCompile() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - fact: {module: m, type: t, attribute: value, matches: '(unclosed'}\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "p.yaml:8 checks[0].rules[0].fact.matches: is not a valid regular expression: Unclosed group");
    }

    @Test
    void numbersMustParse() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - fact: {module: m, type: t, attribute: value, lt: ten}\n"
                        + "      - probe: {file: /f, lines: [{number: 'x (\\d+)', ge: many}]}\n"
                        + "      - probe: {command: x, timeout: 0}\n"))
                .containsExactly(
                        "p.yaml:8 checks[0].rules[0].fact.lt: must be a number, not 'ten'",
                        "p.yaml:9 checks[0].rules[1].probe.lines[0].ge: must be a number, not 'many'",
                        "p.yaml:10 checks[0].rules[2].probe.timeout: must be between 1 and 600, not 0");
    }

    @Test
    void enumsListTheirValues() {
        assertThat(problems("  - id: c\n    title: T\n    severity: severe\n    condition: most\n"
                        + RULE.replace("equals: 1", "equals: 1, expect: some, missing: maybe")))
                .containsExactly(
                        "p.yaml:6 checks[0].severity: must be one of info, low, medium, high, critical, not 'severe'",
                        "p.yaml:7 checks[0].condition: must be one of all, any, none, not 'most'",
                        "p.yaml:9 checks[0].rules[0].fact.expect: must be one of all, any, none, not 'some'",
                        "p.yaml:9 checks[0].rules[0].fact.missing: must be one of pass, fail, not_applicable, not 'maybe'");
    }

    @Test
    void duplicateYamlKeysAreRefused() {
        assertThat(problems("  - id: c\n    title: T\n    title: U\n    severity: low\n" + RULE))
                .containsExactly("p.yaml:6 checks[0].title: duplicate key 'title' (first at line 5)");
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(problems(
                        "  - id: c\n    title: \"bell \\a here\"\n    description: \"tab\\tand\\nbreak are fine in prose\"\n"
                                + "    severity: low\n" + RULE))
                .containsExactly(
                        "p.yaml:5 checks[0].title: must not contain control characters (line breaks and tabs included)");
    }

    @Test
    void unknownVariablesAreNamed() {
        String yaml = HEAD.replace("checks:\n", "variables: {known: /etc/x}\nchecks:\n")
                + "  - id: c\n    title: T\n    severity: low\n    applies: {files: ['${known}', '${unknown}']}\n"
                + "    rules:\n      - probe: {file: '${nope}/x'}\n";
        assertThat(problemsOfFile(yaml))
                .containsExactly(
                        "p.yaml:8 checks[0].applies.files: unknown variable ${unknown} (define it under variables)",
                        "p.yaml:10 checks[0].rules[0].probe.file: unknown variable ${nope} (define it under variables)");
    }

    @Test
    void yamlSyntaxErrorsNameTheirLine() {
        assertThat(problemsOfFile(HEAD + "  - id: c\n    title: [unclosed\n    severity: low\n"))
                .singleElement()
                .asString()
                .startsWith("p.yaml:6: not valid YAML:");
    }

    @Test
    void sizeCapsApply() {
        String big = "#" + "x".repeat(CheckFormat.MAX_FILE_BYTES) + "\n" + HEAD;
        assertThat(problemsOfFile(big)).singleElement().asString().contains("content files hold at most 4194304");
        String longTitle =
                "  - id: c\n    title: " + "t".repeat(YamlFields.MAX_STRING + 1) + "\n    severity: low\n" + RULE;
        assertThat(problems(longTitle)).containsExactly("p.yaml:5 checks[0].title: is longer than 65536 characters");
        String longKey =
                "  - id: c\n    title: T\n    severity: low\n    frameworks: {" + "f".repeat(300) + ": [x]}\n" + RULE;
        assertThat(problems(longKey)).contains("p.yaml:7: key longer than 256 characters");
        StringBuilder many = new StringBuilder(HEAD);
        for (int i = 0; i <= PolicyReader.MAX_CHECKS; i++) {
            many.append("  - {id: c").append(i).append(", title: T, severity: low, rules: [{probe: {file: /f}}]}\n");
        }
        assertThat(problemsOfFile(many.toString()))
                .containsExactly("p.yaml:4 checks: holds 5001 checks; a policy holds at most 5000");
    }

    @Test
    void rulesNeedExactlyOneKindAndProbesExactlyOneTarget() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - {not: true}\n"
                        + "      - probe: {file: /a, process: sshd}\n"
                        + "      - probe: {file: /a, names: '.*', shell: true}\n"
                        + "      - probe: {process: sshd, lines: [{matches: x}]}\n"))
                .containsExactly(
                        "p.yaml:8 checks[0].rules[0]: needs exactly one of fact or probe",
                        "p.yaml:9 checks[0].rules[1].probe: needs exactly one of command, directory, file, process, registry, stat (found file, process)",
                        "p.yaml:10 checks[0].rules[2].probe.names: names belongs to directory probes only",
                        "p.yaml:10 checks[0].rules[2].probe.shell: shell belongs to command probes only",
                        "p.yaml:11 checks[0].rules[3].probe.lines: a process probe has no lines to test");
    }

    @Test
    void lineTestsAreChecked() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - probe: {file: /f, lines: [{number: '\\d+', lt: 3}]}\n"
                        + "      - probe: {file: /f, lines: [{matches: x, lt: 3}]}\n"
                        + "      - probe: {file: /f, lines: [{equals: a, matches: b}]}\n"))
                .containsExactly(
                        "p.yaml:8 checks[0].rules[0].probe.lines[0].number: needs a capturing group ( ) around the number",
                        "p.yaml:9 checks[0].rules[1].probe.lines[0].lt: comparisons belong to number tests",
                        "p.yaml:10 checks[0].rules[2].probe.lines[0]: needs exactly one of equals, matches, not_matches, number");
    }

    @Test
    void applicabilityValuesAreChecked() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n"
                        + "    applies: {os: [linux, beos], distributions: [Debian], version: 'about 12'}\n" + RULE))
                .containsExactly(
                        "p.yaml:7 checks[0].applies.os: 'beos' is not an OS family (linux, windows, macos)",
                        "p.yaml:7 checks[0].applies.distributions: 'Debian' is not an os-release ID (lower case, e.g. debian, rhel)",
                        "p.yaml:7 checks[0].applies.version: 'about 12' is not a version constraint (e.g. \">=12\", \"<9.2\")");
    }

    @Test
    void existsMustBeTrueAndAttributesNeedAnOperator() {
        assertThat(problems("  - id: c\n    title: T\n    severity: low\n    rules:\n"
                        + "      - fact: {module: m, type: t, attribute: locked, exists: false}\n"
                        + "      - fact: {module: m, type: t, attribute: locked}\n"
                        + "      - fact: {module: m, type: t, equals: x}\n"))
                .containsExactly(
                        "p.yaml:8 checks[0].rules[0].fact.exists: must be true (write absent: true for the opposite)",
                        "p.yaml:9 checks[0].rules[1].fact.attribute: attribute needs an operator (equals, matches, lt, …)",
                        "p.yaml:10 checks[0].rules[2].fact.attribute: is required");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(problems("  - id: c\n    title: &t T\n    description: *t\n    severity: low\n" + RULE))
                .containsExactly("p.yaml:5: anchors and aliases (&name, *name) are not supported in content");
    }

    @Test
    void everyProblemOfAFileComesBackAtOnceInLineOrder() {
        List<String> problems = problemsOfFile("format: tenantra/checks@1\npolicy: {id: P!, version: '1'}\nchecks:\n"
                + "  - id: a\n    severity: low\n" + RULE + "  - id: b\n    title: B\n    severity: meh\n" + RULE);
        assertThat(problems)
                .containsExactly(
                        "p.yaml:2 policy.id: 'P!' is not a valid id ([a-z0-9][a-z0-9._-]{0,99})",
                        "p.yaml:2 policy.title: is required",
                        "p.yaml:4 checks[0].title: is required",
                        "p.yaml:10 checks[1].severity: must be one of info, low, medium, high, critical, not 'meh'");
    }
}
