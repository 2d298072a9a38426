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
 * Entry point of {@code tenantra-agent}. Exit codes: 0 success, 1 runtime failure, 2 usage error
 * (picocli's convention for bad arguments).
 */
@Command(
        name = "tenantra-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Tenantra endpoint agent: collects facts on this host for a Tenantra server.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure (scan: a module ended in error)", "2:invalid command line"})
public final class AgentMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AgentMain());
        ModuleRegistry registry = ModuleRegistry.standard();
        CommandLine scan = new CommandLine(new ScanCommand(registry));
        ScanCommand.describeModules(scan, registry);
        cli.addSubcommand("scan", scan);
        return cli;
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
