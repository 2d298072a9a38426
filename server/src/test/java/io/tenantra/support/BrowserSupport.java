package io.tenantra.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Browser tests against the running console: {@code @ExtendWith(BrowserSupport.class)} next to
 * {@code @ServerTest}, then take a {@link Page}, {@link BrowserContext} or {@link ConsoleLog} as a
 * test method parameter.
 *
 * <p>Starting the Playwright driver and Chromium takes a few seconds, so they live for the whole
 * test class; each test gets its own {@link BrowserContext} (its own cookie jar), so a session one
 * test signs in never leaks into the next.
 *
 * <p>Playwright never downloads a browser here: builds run without internet access apart from the
 * package registries, so we drive the distribution's Chromium. Without it the tests are skipped
 * with a loud warning on a developer's machine, but fail on CI ({@code CI=true}), which installs
 * Chromium and so must never silently lose its browser coverage.
 */
public final class BrowserSupport
        implements ExecutionCondition,
                BeforeAllCallback,
                AfterAllCallback,
                BeforeEachCallback,
                AfterEachCallback,
                ParameterResolver {

    // Debian's package; the system property lets a developer whose Chromium lives elsewhere
    // (or who wants to see the missing-browser path) point the tests at another binary.
    static final Path CHROMIUM = Paths.get(System.getProperty("tenantra.chromium", "/usr/bin/chromium"));

    // Generous enough for a cold start on a slow CI runner; an assertion that is going to fail
    // should still fail well within the test's time budget.
    private static final double TIMEOUT_MILLIS = 10_000;

    // Flags that keep Chromium from reaching for the network (which the build machine does not
    // have) and from needing a sandbox that containers usually cannot provide.
    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserSupport.class);
    private static final Path FAILURE_SCREENSHOTS = Paths.get("target", "browser-failures");

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // A @Nested class reuses the browser of its enclosing class (get() searches parent stores).
        if (store.get(Browser.class, Browser.class) != null) {
            return;
        }
        requireChromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLIS);
        // The environment variable (also set by surefire) is repeated here so that running the
        // test from an IDE cannot make the driver try to download browsers either.
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        store.put(Playwright.class, playwright);
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(CHROMIUM_ARGS));
        store.put(Browser.class, browser);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() only looks at this level's store, so a @Nested class never closes its parent's.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Browser browser = store.remove(Browser.class, Browser.class);
        Playwright playwright = store.remove(Playwright.class, Playwright.class);
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (playwright != null) {
                playwright.close();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Browser browser = store.get(Browser.class, Browser.class);
        BrowserContext browserContext = browser.newContext();
        browserContext.setDefaultTimeout(TIMEOUT_MILLIS);
        Page page = browserContext.newPage();
        store.put(BrowserContext.class, browserContext);
        store.put(Page.class, page);
        store.put(ConsoleLog.class, ConsoleLog.attachTo(page));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        BrowserContext browserContext = store.remove(BrowserContext.class, BrowserContext.class);
        Page page = store.remove(Page.class, Page.class);
        store.remove(ConsoleLog.class);
        if (browserContext == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent() && page != null) {
                screenshot(context, page);
            }
        } finally {
            browserContext.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class || type == ConsoleLog.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Object value = context.getStore(NAMESPACE).get(type);
        if (value == null) {
            // Only test methods get a page: a class-level one would share cookies between tests.
            throw new ParameterResolutionException(
                    type.getSimpleName() + " is only available as a parameter of a test method");
        }
        return value;
    }

    /**
     * Skips the whole class when Chromium is missing, before Spring starts a server the tests
     * could not use. A condition rather than an assumption in {@code beforeAll}: surefire reports
     * the tests of a disabled class as skipped, but those of an aborted class not at all, as if
     * they did not exist.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || Files.isExecutable(CHROMIUM)) {
            return ConditionEvaluationResult.enabled("Chromium is installed");
        }
        if (onCi()) {
            return ConditionEvaluationResult.enabled("CI=true: a missing Chromium fails the tests in beforeAll");
        }
        warnLoudly(context);
        return ConditionEvaluationResult.disabled(missingChromium());
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        if (onCi()) {
            Assertions.fail(missingChromium() + " CI=true: the CI image installs it, so its absence is a bug.");
        }
        // Reached only when JUnit's conditions are deactivated (junit.jupiter.conditions.deactivate).
        Assumptions.abort(missingChromium());
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String missingChromium() {
        return "Chromium is not installed at " + CHROMIUM
                + ", so the console browser tests cannot run. Install it with: apt-get install -y chromium";
    }

    private static void warnLoudly(ExtensionContext context) {
        String rule = "!".repeat(78);
        String banner = String.join(
                System.lineSeparator(),
                "",
                rule,
                "!!  BROWSER TESTS SKIPPED: Chromium not found at " + CHROMIUM,
                "!!",
                "!!  The browser tests in " + context.getRequiredTestClass().getName() + " did NOT run.",
                "!!  Install Chromium to run them:  apt-get install -y chromium",
                "!!  On CI (CI=true) a missing Chromium fails the build instead.",
                rule,
                "");
        System.err.println(banner);
        // Surefire redirects System.err into a report file (redirectTestOutputToFile), where nobody
        // would see the warning; the process's own stderr still reaches the Maven console.
        @SuppressWarnings("resource") // closing it would close the process's stderr
        PrintStream processStderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        processStderr.println(banner);
    }

    // A picture of the page at the moment of failure says more than a timed-out locator does.
    private static void screenshot(ExtensionContext context, Page page) {
        try {
            Files.createDirectories(FAILURE_SCREENSHOTS);
            Path file =
                    FAILURE_SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getRequiredTestMethod().getName() + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            System.err.println("Browser screenshot of the failed test: " + file.toAbsolutePath());
        } catch (Exception e) {
            // Never let the diagnostics hide the test's own failure.
            System.err.println("Could not take a screenshot of the failed test: " + e);
        }
    }
}
