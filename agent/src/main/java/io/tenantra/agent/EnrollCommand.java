package io.tenantra.agent;

import io.tenantra.model.EnrollmentRequest;
import io.tenantra.model.EnrollmentResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = "Enroll this host with a Tenantra server: generates an Ed25519 key pair (private key mode 0600 "
                + "in the state directory), sends the public key and host facts, and stores the agent id.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:enrolled",
            "1:runtime failure (or already enrolled without --force)",
            "2:invalid command line",
            "3:enrollment refused by the server",
            "5:server unreachable"
        })
final class EnrollCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", required = true, description = "Server base URL, e.g. https://tenantra.example.com")
    String server;

    @Option(names = "--token", required = true, description = "Enrollment token from the console or API")
    String token;

    @Option(names = "--name", description = "Display name (default: the hostname)")
    String name;

    @Option(names = "--tag", description = "A label K=V for this agent; repeatable")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--force", description = "Enroll again even if this state directory already holds an agent")
    boolean force;

    private final AgentHome home;

    EnrollCommand(AgentHome home) {
        this.home = home;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            err.println("--server is not a URL: " + server);
            return ExitCodes.USAGE;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            err.println("--server must be an http(s) URL, got " + server);
            return ExitCodes.USAGE;
        }
        var existing = home.enrollment();
        if (existing.isPresent() && !force) {
            err.println("This host is already enrolled as agent "
                    + existing.get().agentId() + " in " + home.dir() + "; use --force to enroll again.");
            return ExitCodes.FAILURE;
        }
        KeyPair keys = AgentKeys.generate();
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        var request = new EnrollmentRequest(token, publicKey, name, tags, HostFactsCollector.collect());
        ServerClient client = new ServerClient(server, null, null, Clock.systemUTC());
        ServerClient.Reply reply;
        try {
            reply = client.postJson("/api/v1/agent/enroll", request);
        } catch (IOException e) {
            err.println("Could not reach " + server + ": " + e);
            return ExitCodes.UNREACHABLE;
        }
        if (reply.status() == 401 || reply.status() == 403) {
            err.println("The server refused the enrollment: " + reply.detail());
            return ExitCodes.REFUSED;
        }
        if (reply.status() != 201) {
            err.println("Enrollment failed (" + reply.status() + "): " + reply.detail());
            return ExitCodes.FAILURE;
        }
        EnrollmentResponse enrolled = reply.json(EnrollmentResponse.class);
        home.create();
        home.writePrivateKey(keys.getPrivate().getEncoded());
        home.writeText("agent.pub", publicKey + "\n");
        home.writeText(
                "config.json",
                new String(
                        ServerClient.JSON.writeValueAsBytes(enrolled.config()),
                        java.nio.charset.StandardCharsets.UTF_8));
        home.writeText("config.etag", enrolled.configEtag() == null ? "" : enrolled.configEtag());
        // A new identity trusts the content key its server names now (this replaces an older pin).
        new ContentKeyPin(home).pin(enrolled.contentKeyId(), enrolled.contentKey());
        home.saveEnrollment(new AgentHome.Enrollment(enrolled.agentId(), enrolled.tenantId(), server, enrolled.name()));
        out.println("Enrolled as agent " + enrolled.agentId() + " (" + enrolled.name() + ") in tenant "
                + enrolled.tenantId() + ". State: " + home.dir());
        return ExitCodes.OK;
    }
}
