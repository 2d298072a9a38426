package io.tenantra.support;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What went wrong inside one page, as the browser saw it. Chromium reports a Content Security
 * Policy violation, a script or stylesheet that failed to load and an uncaught exception only in
 * its console, where a test that looks at the DOM alone would never notice them; a blocked script
 * could even leave the page looking fine until someone clicks.
 */
public final class ConsoleLog {

    // Playwright delivers events on the thread that is waiting on it, i.e. the test's; the
    // concurrent list is only so that reading it while a callback runs can never throw.
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private ConsoleLog() {}

    static ConsoleLog attachTo(Page page) {
        ConsoleLog log = new ConsoleLog();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                log.errors.add(message.text() + " (at " + message.location() + ")");
            }
        });
        page.onPageError(error -> log.errors.add("Uncaught: " + error));
        return log;
    }

    /** The errors logged so far, oldest first. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Fails, listing every error, if the page has logged any. */
    public void assertNoErrors() {
        if (!errors.isEmpty()) {
            throw new AssertionError("The browser logged " + errors.size() + " error(s):" + System.lineSeparator()
                    + "  " + String.join(System.lineSeparator() + "  ", errors));
        }
    }
}
