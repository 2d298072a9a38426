package io.tenantra.agent.probes;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.ProbeResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for probes and a runner over a fixture, for the probe tests. */
final class Probes {

    private static final AtomicInteger ids = new AtomicInteger();

    private Probes() {}

    static Probe probe(ProbeKind kind, List<String> targets, ContentTest... tests) {
        return new Probe("p" + ids.incrementAndGet(), kind, targets, null, null, List.of(tests), false, 0);
    }

    static Probe file(String path, ContentTest... tests) {
        return probe(ProbeKind.FILE, List.of(path), tests);
    }

    static Probe command(String line, boolean shell, int timeoutSeconds, ContentTest... tests) {
        return new Probe(
                "p" + ids.incrementAndGet(),
                ProbeKind.COMMAND,
                List.of(line),
                null,
                null,
                List.of(tests),
                shell,
                timeoutSeconds);
    }

    static ContentTest regex(String pattern) {
        return ContentTest.regex(pattern);
    }

    static ContentTest notRegex(String pattern) {
        return new ContentTest(true, ContentTestKind.REGEX, pattern, null, null);
    }

    static ContentTest literal(String text) {
        return new ContentTest(false, ContentTestKind.LITERAL, text, null, null);
    }

    static ContentTest number(String pattern, String operator, String value) {
        return new ContentTest(false, ContentTestKind.NUMERIC, pattern, operator, value);
    }

    static ProbeRunner runner(Fixture fixture, ProbeSettings settings) {
        return runner(fixture, settings, OsFamily.LINUX);
    }

    static ProbeRunner runner(Fixture fixture, ProbeSettings settings, OsFamily os) {
        var environment = fixture.environment();
        return new ProbeRunner(environment.files(), (timeout, cap) -> fixture.commands(), os, settings);
    }

    static ProbeResult answer(Fixture fixture, Probe probe) {
        return runner(fixture, ProbeSettings.defaults()).run(List.of(probe)).get(0);
    }
}
