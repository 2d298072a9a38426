package io.tenantra.agent;

import io.tenantra.agent.modules.ModuleRegistry;
import io.tenantra.model.ProtocolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code tenantra-agent}. Exit codes (also in {@code --help}): 0 success, 1 runtime
 * failure, 2 usage error (picocli's convention for bad arguments), 3 enrollment refused, 4 not
 * enrolled, 5 server unreachable. State lives in {@code $TENANTRA_AGENT_HOME} (default
 * {@code ~/.tenantra-agent}).
 */
@Command(
        name = "tenantra-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Tenantra endpoint agent: collects facts on this host for a Tenantra server. "
                + "State directory: $TENANTRA_AGENT_HOME (default ~/.tenantra-agent).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:runtime failure (scan: a module ended in error)",
            "2:invalid command line",
            "3:enrollment refused by the server",
            "4:not enrolled (run 'tenantra-agent enroll' first)",
            "5:server unreachable",
            "143:'run' stopped by SIGTERM, after its clean shutdown"
        })
public final class AgentMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before anything logs: keeps the daemon's log open until its own shutdown hook is done.
        System.setProperty("java.util.logging.manager", AgentLog.AgentLogManager.class.getName());
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        ModuleRegistry registry = ModuleRegistry.standard();
        return commandLine(
                AgentHome.fromEnvironment(),
                new TimeLimitedJobExecutor(ScanModules.runner(registry), java.time.Clock.systemUTC()),
                registry);
    }

    /** The command line over a given state directory, job executor and set of scanning modules. */
    static CommandLine commandLine(AgentHome home, JobExecutor executor) {
        return commandLine(home, executor, ModuleRegistry.standard());
    }

    static CommandLine commandLine(AgentHome home, JobExecutor executor, ModuleRegistry registry) {
        CommandLine scan = new CommandLine(new ScanCommand(registry));
        ScanCommand.describeModules(scan, registry);
        return new CommandLine(new AgentMain())
                .addSubcommand("enroll", new EnrollCommand(home))
                .addSubcommand("run", new RunCommand(home, executor))
                .addSubcommand("status", new StatusCommand(home))
                .addSubcommand("scan", scan);
    }

    @Override
    public void run() {
        // No subcommand given: show what the agent can do rather than failing silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the build version from a resource filtered by Maven. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "tenantra-agent " + buildVersion(), "protocol " + ProtocolVersion.CURRENT,
            };
        }

        static String buildVersion() {
            try (InputStream in = AgentMain.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
