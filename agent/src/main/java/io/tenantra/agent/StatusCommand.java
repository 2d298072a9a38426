package io.tenantra.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Show this agent's enrollment, config, last heartbeat and spooled results (reads local state only).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:enrolled", "1:runtime failure", "4:not enrolled"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final AgentHome home;

    StatusCommand(AgentHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        var enrollment = home.enrollment();
        if (enrollment.isEmpty()) {
            out.println("Not enrolled (state directory " + home.dir() + ").");
            return ExitCodes.NOT_ENROLLED;
        }
        var e = enrollment.get();
        out.println("Agent:          " + e.agentId() + " (" + e.name() + ")");
        out.println("Tenant:         " + e.tenantId());
        out.println("Server:         " + e.serverUrl());
        out.println("State:          " + home.dir());
        out.println("Config ETag:    "
                + home.readText("config.etag").filter(s -> !s.isBlank()).orElse("none"));
        out.println("Last heartbeat: " + home.readText("last-heartbeat").orElse("never"));
        out.println("Spooled:        " + new ResultSpool(home.spoolDir()).size() + " result(s) waiting for upload");
        return ExitCodes.OK;
    }
}
