package io.tenantra.agent;

import static io.tenantra.agent.AgentLog.LOG;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleLimits;
import io.tenantra.agent.probes.ProbeCommands;
import io.tenantra.agent.probes.ProbeRunner;
import io.tenantra.agent.probes.ProbeSettings;
import io.tenantra.model.AgentConfig;
import io.tenantra.model.Heartbeat;
import io.tenantra.model.HeartbeatResponse;
import io.tenantra.model.Job;
import io.tenantra.model.JobBatch;
import io.tenantra.model.JobResult;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.ProbeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tenantra-agent run}: two loops until stopped. The heartbeat loop reports liveness at the
 * configured interval (with jitter) and fetches the config when its ETag changes. The job loop
 * uploads spooled results, long-polls for jobs, runs each through the {@link JobExecutor}, then
 * answers the job's probes ({@link JobProbes}: only when signed by the pinned content key),
 * spools the result and uploads it. Connection errors, 429 and 5xx back off with jitter; nothing
 * finished is lost, because a result is on disk before its first upload attempt.
 */
final class Daemon {

    /** Upload answers after which retrying cannot help: the result is done with, either way. */
    private static final Set<Integer> FINAL = Set.of(200, 201, 400, 404, 409, 413, 415, 422);

    private final AgentHome home;
    private final AgentHome.Enrollment enrollment;
    private final ServerClient client;
    private final JobExecutor executor;
    private final ResultSpool spool;
    private final ContentKeyPin pin;
    private final JobProbes probes;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile AgentConfig config;
    private volatile String configEtag;
    private volatile Thread heartbeatThread;
    private volatile Thread jobThread;

    /** A daemon answering probes on this host with the default probe settings. */
    Daemon(AgentHome home, AgentHome.Enrollment enrollment, ServerClient client, JobExecutor executor, Clock clock) {
        this(home, enrollment, client, executor, hostProbes(ProbeSettings.defaults()), clock);
    }

    Daemon(
            AgentHome home,
            AgentHome.Enrollment enrollment,
            ServerClient client,
            JobExecutor executor,
            ProbeRunner probeRunner,
            Clock clock) {
        this.home = home;
        this.enrollment = enrollment;
        this.client = client;
        this.executor = executor;
        this.spool = new ResultSpool(home.spoolDir());
        this.pin = new ContentKeyPin(home);
        this.probes = new JobProbes(pin, enrollment.agentId(), probeRunner, clock);
        this.clock = clock;
    }

    /** Probes on the real host: root {@code /}, real processes, the OS this agent runs on. */
    static ProbeRunner hostProbes(ProbeSettings settings) {
        ModuleLimits limits = ModuleLimits.defaults();
        return new ProbeRunner(
                new HostFiles(Path.of("/"), limits.maxFileBytes()), ProbeCommands.host(), OsFamily.current(), settings);
    }

    /** Runs until {@link #stop()}; the job loop runs on the calling thread. */
    void run() throws IOException {
        loadConfig();
        LOG.info("Agent " + enrollment.agentId() + " (" + enrollment.name() + ") running against "
                + enrollment.serverUrl() + "; " + spool.size() + " result(s) spooled");
        heartbeatThread = new Thread(this::heartbeatLoop, "heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
        jobThread = Thread.currentThread();
        try {
            jobLoop();
        } finally {
            heartbeatThread.interrupt();
            LOG.info("Agent stopped");
            stopped.countDown();
        }
    }

    /** Asks both loops to end and waits (bounded) until they did. */
    void stop(Duration wait) {
        stopping = true;
        Thread jobs = jobThread;
        if (jobs != null) {
            jobs.interrupt();
        }
        Thread beats = heartbeatThread;
        if (beats != null) {
            beats.interrupt();
        }
        try {
            stopped.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeatLoop() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
        boolean healthy = true;
        while (!stopping) {
            Duration wait;
            try {
                ServerClient.Reply reply = heartbeat();
                if (reply.ok()) {
                    HeartbeatResponse answer = reply.json(HeartbeatResponse.class);
                    if (!healthy) {
                        LOG.info("Heartbeats are answered again");
                    }
                    healthy = true;
                    backoff.reset();
                    home.writeText("last-heartbeat", clock.instant().toString());
                    if (answer.configEtag() != null && !answer.configEtag().equals(configEtag)) {
                        fetchConfig();
                    }
                    wait = Backoff.jitter(Duration.ofSeconds(config.heartbeatSeconds()));
                } else {
                    LOG.warning("Heartbeat answered " + reply.status() + ": " + reply.detail());
                    healthy = false;
                    wait = backoff.next(reply.retryAfter());
                }
            } catch (IOException | RuntimeException e) {
                if (healthy) {
                    LOG.warning("Heartbeat failed: " + e);
                }
                healthy = false;
                wait = backoff.next(java.util.Optional.empty());
            } catch (InterruptedException e) {
                return;
            }
            if (!sleep(wait)) {
                return;
            }
        }
    }

    /** One heartbeat; a good answer's content key is offered to the pin. */
    private ServerClient.Reply heartbeat() throws IOException, InterruptedException {
        ServerClient.Reply reply = client.postJson(
                "/api/v1/agent/heartbeat", new Heartbeat(AgentMain.Version.buildVersion(), spool.size()));
        if (reply.ok()) {
            HeartbeatResponse answer = reply.json(HeartbeatResponse.class);
            pin.offer(answer.contentKeyId(), answer.contentKey());
        }
        return reply;
    }

    private void jobLoop() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        while (!stopping) {
            try {
                uploadSpooled();
                int waitSeconds = Math.max(0, Math.min(60, config.pollWaitSeconds()));
                ServerClient.Reply reply = client.send(
                        "GET",
                        "/api/v1/agent/jobs?waitSeconds=" + waitSeconds,
                        new byte[0],
                        false,
                        Duration.ofSeconds(waitSeconds + 30L),
                        null);
                if (!reply.ok()) {
                    LOG.warning("Job poll answered " + reply.status() + ": " + reply.detail());
                    if (!sleep(backoff.next(reply.retryAfter()))) {
                        return;
                    }
                    continue;
                }
                backoff.reset();
                for (Job job : reply.json(JobBatch.class).jobs()) {
                    if (stopping) {
                        return;
                    }
                    runJob(job);
                }
            } catch (IOException | RuntimeException e) {
                Duration wait = backoff.next(java.util.Optional.empty());
                LOG.warning("Job poll failed (" + e + "); retrying in " + wait.toSeconds() + " s");
                if (!sleep(wait)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void runJob(Job job) throws IOException, InterruptedException {
        String base = "/api/v1/agent/jobs/" + job.id();
        ServerClient.Reply ack =
                client.send("POST", base + "/running", new byte[0], false, Duration.ofSeconds(30), null);
        if (ack.status() == 404 || ack.status() == 409) {
            LOG.info("Job " + job.id() + " is no longer wanted (" + ack.status() + "); skipping it");
            return;
        }
        LOG.info("Job " + job.id() + " of scan " + job.scanId() + ": running " + job.modules());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Instant started = clock.instant();
        log.add(started + " job " + job.id() + " attempt " + job.attempt() + " started");
        List<ModuleResult> results = executor.execute(
                job.modules(),
                Duration.ofSeconds(Math.max(1, job.moduleTimeoutSeconds())),
                line -> log.add(clock.instant() + " " + line));
        if (probes.needsKey(job)) {
            // Enrolled before probes existed and no heartbeat answered yet: learn the key first.
            heartbeat();
        }
        List<ProbeResult> answers =
                stopping ? List.of() : probes.answer(job, line -> log.add(clock.instant() + " " + line));
        Instant finished = clock.instant();
        log.add(finished + " job finished");
        if (stopping) {
            // Interrupted half-way: do not report a truncated run; the server will re-queue the job.
            LOG.info("Job " + job.id() + " abandoned by the shutdown");
            return;
        }
        byte[] json =
                ServerClient.JSON.writeValueAsBytes(new JobResult(job.id(), started, finished, results, log, answers));
        spool.put(job.id(), json);
        upload(job.id());
    }

    private void uploadSpooled() throws IOException, InterruptedException {
        for (UUID jobId : spool.pending()) {
            if (stopping || !upload(jobId)) {
                return;
            }
        }
    }

    /** True when the spooled result is done with (accepted, or refused for good). */
    private boolean upload(UUID jobId) throws IOException, InterruptedException {
        ServerClient.Reply reply = client.send(
                "POST",
                "/api/v1/agent/jobs/" + jobId + "/result",
                spool.read(jobId),
                true,
                Duration.ofMinutes(2),
                null);
        if (FINAL.contains(reply.status())) {
            if (reply.ok()) {
                LOG.info("Result of job " + jobId + " accepted");
            } else {
                LOG.warning("Result of job " + jobId + " refused for good (" + reply.status() + "): " + reply.detail());
            }
            spool.remove(jobId);
            return true;
        }
        LOG.warning("Result of job " + jobId + " not accepted yet (" + reply.status() + "); it stays spooled");
        return false;
    }

    private void fetchConfig() throws IOException, InterruptedException {
        ServerClient.Reply reply =
                client.send("GET", "/api/v1/agent/config", new byte[0], false, Duration.ofSeconds(30), configEtag);
        if (reply.status() == 200) {
            config = reply.json(AgentConfig.class);
            configEtag = reply.etag().orElse(null);
            home.writeText(
                    "config.json",
                    new String(ServerClient.JSON.writeValueAsBytes(config), java.nio.charset.StandardCharsets.UTF_8));
            home.writeText("config.etag", configEtag == null ? "" : configEtag);
            LOG.info("New config " + configEtag + ": modules " + config.modules() + ", heartbeat "
                    + config.heartbeatSeconds() + " s");
        }
    }

    private void loadConfig() throws IOException {
        var text = home.readText("config.json");
        config = text.isPresent()
                ? ServerClient.JSON.readValue(text.get(), AgentConfig.class)
                : new AgentConfig(List.of(), 60, 300, 30);
        configEtag = home.readText("config.etag").filter(s -> !s.isBlank()).orElse(null);
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
