package io.tenantra.compliance.content;

import java.util.List;

/** How to fix a failing check: prose, and the commands an administrator would run. */
public record Remediation(String text, List<String> commands) {

    public static final Remediation NONE = new Remediation("", List.of());

    public Remediation {
        text = text == null ? "" : text;
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
