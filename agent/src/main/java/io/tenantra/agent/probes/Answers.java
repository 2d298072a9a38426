package io.tenantra.agent.probes;

import io.tenantra.model.Probe;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;

/** Builds answers with evidence and messages cut to what the server stores. */
final class Answers {

    /** Longest evidence and message sent (the server accepts up to 4 KiB; lines are cut well below). */
    static final int MAX_TEXT = 512;

    private Answers() {}

    static ProbeResult found(Probe probe, String evidence) {
        return new ProbeResult(probe.id(), ProbeOutcome.FOUND, cut(evidence), null);
    }

    static ProbeResult notFound(Probe probe, String evidence) {
        return new ProbeResult(probe.id(), ProbeOutcome.NOT_FOUND, cut(evidence), null);
    }

    static ProbeResult error(Probe probe, String message) {
        return new ProbeResult(probe.id(), ProbeOutcome.ERROR, null, cut(message));
    }

    static ProbeResult refused(Probe probe, String message) {
        return new ProbeResult(probe.id(), ProbeOutcome.REFUSED, null, cut(message));
    }

    /** Cut to {@link #MAX_TEXT} characters (not splitting a surrogate pair), NUL and controls made visible. */
    static String cut(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && out.length() + 1 >= MAX_TEXT) {
                break;
            }
            // PostgreSQL text cannot hold NUL, and binary junk is unreadable: show controls as '?'.
            out.append(c < 0x20 && c != '\t' || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
