package io.tenantra.agent;

import static io.tenantra.agent.AgentLog.LOG;

import io.tenantra.agent.probes.ProbeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the agent daemon: heartbeat, long-poll for jobs, run them, upload results. Logs to stdout "
                + "and to logs/ in the state directory. SIGTERM or Ctrl-C stops it cleanly: a finished result is "
                + "kept on disk and uploaded at the next start; an unfinished job is given back to the server.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "1:runtime failure",
            "2:invalid command line",
            "4:not enrolled",
            "143:stopped by SIGTERM, after the clean shutdown (130 for Ctrl-C)"
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = {
                "Local setting, repeatable; overrides settings.properties in the state directory:",
                "  probes.commands=false            refuse every command probe",
                "  probes.commandTimeoutSeconds=30  cap on each command probe",
                "  probes.timeBudgetSeconds=60      all probes of one job together"
            })
    Map<String, String> settings = new LinkedHashMap<>();

    private final AgentHome home;
    private final JobExecutor executor;

    RunCommand(AgentHome home, JobExecutor executor) {
        this.home = home;
        this.executor = executor;
    }

    @Override
    public Integer call() throws IOException {
        var enrollment = home.enrollment();
        if (enrollment.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("Not enrolled: no agent in " + home.dir()
                            + ". Run 'tenantra-agent enroll --server URL --token TOKEN' first.");
            return ExitCodes.NOT_ENROLLED;
        }
        ProbeSettings probeSettings;
        try {
            probeSettings = ProbeSettings.from(AgentSettings.load(home, settings));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("Invalid setting: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AgentLog.configure(home.logDir(), System.out);
        if (!probeSettings.commandsAllowed()) {
            LOG.info("Command probes are disabled on this agent (probes.commands=false)");
        }
        AgentKeys keys = AgentKeys.load(Files.readAllBytes(home.keyFile()));
        Clock clock = Clock.systemUTC();
        ServerClient client = new ServerClient(
                enrollment.get().serverUrl(), keys, enrollment.get().agentId(), clock);
        Daemon daemon = new Daemon(home, enrollment.get(), client, executor, Daemon.hostProbes(probeSettings), clock);
        Thread hook = new Thread(
                () -> {
                    LOG.info("Stop requested; shutting down");
                    daemon.stop(Duration.ofSeconds(15));
                    AgentLog.AgentLogManager.closeAll();
                },
                "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        daemon.run();
        return ExitCodes.OK;
    }
}
