package io.tenantra.scheduling;

import io.tenantra.agents.ScanBlackouts;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Blackout windows: create, delete, read and list them, and answer what is blacked out at an
 * instant. Windows over the whole tenant defer or skip a schedule's due runs (per schedule);
 * windows over a tag keep the agents carrying it out of every scan, which the agents module asks
 * through {@link ScanBlackouts} before it creates a scan's jobs.
 */
@Service
public class Blackouts implements ScanBlackouts {

    static final int MAX_WINDOWS = 200;
    static final int MAX_CHAINED = 50;

    private final BlackoutRepository windows;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    Blackouts(BlackoutRepository windows, TenantTransactions tx, AuditEvents audit) {
        this.windows = windows;
        this.tx = tx;
        this.audit = audit;
    }

    public BlackoutView create(CallContext call, BlackoutRequest request) {
        BlackoutWindow window = checked(request);
        return tx.write(call.scope(), () -> {
            if (windows.nameTaken(call.tenantId(), window.name())) {
                throw ApiException.conflict("A blackout window named '" + window.name() + "' already exists.");
            }
            if (windows.count(call.tenantId()) >= MAX_WINDOWS) {
                throw ApiException.conflict("A tenant may have at most " + MAX_WINDOWS + " blackout windows.");
            }
            windows.insert(call.tenantId(), window, call.at(), call.userId());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", window.name());
            summary.put("rule", window.description());
            if (!window.wholeTenant()) {
                summary.put("tag", Map.of(window.tagKey(), window.tagValue()));
            }
            audit.changed(call, AuditAction.BLACKOUT_WINDOW_CREATE, "blackout_window", window.id(), summary);
            return view(window, call.at(), call.at());
        });
    }

    public void delete(CallContext call, UUID id) {
        tx.write(call.scope(), () -> {
            var stored =
                    windows.find(call.tenantId(), id).orElseThrow(() -> ApiException.notFound("The blackout window"));
            windows.delete(call.tenantId(), id);
            audit.changed(
                    call,
                    AuditAction.BLACKOUT_WINDOW_DELETE,
                    "blackout_window",
                    id,
                    Map.of("name", stored.window().name()));
            return null;
        });
    }

    public BlackoutView get(CallContext call, UUID id) {
        return tx.read(call.scope(), () -> windows.find(call.tenantId(), id))
                .map(s -> view(s.window(), s.createdAt(), call.at()))
                .orElseThrow(() -> ApiException.notFound("The blackout window"));
    }

    public PageResponse<BlackoutView> list(CallContext call, String q, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        String query = Paging.query(q);
        Paging.After after = Paging.after(cursor);
        List<BlackoutView> rows = tx
                .read(
                        call.scope(),
                        () -> windows.list(
                                call.tenantId(),
                                query,
                                after == null ? null : after.key(),
                                after == null ? null : after.id(),
                                size + 1))
                .stream()
                .map(s -> view(s.window(), s.createdAt(), call.at()))
                .toList();
        return Paging.page(rows, size, v -> new String[] {v.name(), v.id().toString()});
    }

    @Override
    public Exclusion at(TenantScope scope, UUID tenantId, Instant at) {
        List<BlackoutWindow> all = tx.read(scope, () -> windows.all(tenantId)).stream()
                .map(BlackoutRepository.StoredWindow::window)
                .toList();
        return exclusion(all, at);
    }

    /** What {@code windows} black out at {@code at}. */
    static Exclusion exclusion(List<BlackoutWindow> windows, Instant at) {
        boolean wholeTenant = false;
        List<Map<String, String>> tags = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BlackoutWindow window : windows) {
            if (window.activeUntil(at).isPresent()) {
                names.add(window.name());
                if (window.wholeTenant()) {
                    wholeTenant = true;
                } else {
                    tags.add(Map.of(window.tagKey(), window.tagValue()));
                }
            }
        }
        return new Exclusion(wholeTenant, tags, names);
    }

    /** The whole-tenant window in force at {@code at}, with the end of it and of any window it runs into. */
    Optional<Active> tenantWindowAt(TenantScope scope, UUID tenantId, Instant at) {
        List<BlackoutWindow> tenantWide = tx.read(scope, () -> windows.all(tenantId)).stream()
                .map(BlackoutRepository.StoredWindow::window)
                .filter(BlackoutWindow::wholeTenant)
                .toList();
        return tenantWindowAt(tenantWide, at);
    }

    static Optional<Active> tenantWindowAt(List<BlackoutWindow> tenantWide, Instant at) {
        String name = null;
        Instant until = at;
        // Adjacent or overlapping windows make one blackout: follow them to the last end.
        for (int step = 0; step < MAX_CHAINED; step++) {
            Instant end = null;
            for (BlackoutWindow window : tenantWide) {
                Optional<Instant> windowEnd = window.activeUntil(until);
                if (windowEnd.isPresent() && (end == null || windowEnd.get().isAfter(end))) {
                    end = windowEnd.get();
                    name = name == null ? window.name() : name;
                }
            }
            if (end == null) {
                break;
            }
            until = end;
        }
        return name == null ? Optional.empty() : Optional.of(new Active(name, until));
    }

    /** A blackout in force: the first window's name and when the blackout ends. */
    record Active(String name, Instant until) {}

    /** Every window of the tenant, for the calendar. */
    List<BlackoutWindow> windows(TenantScope scope, UUID tenantId) {
        return tx.read(scope, () -> windows.all(tenantId)).stream()
                .map(BlackoutRepository.StoredWindow::window)
                .toList();
    }

    static BlackoutView view(BlackoutWindow w, Instant createdAt, Instant now) {
        return new BlackoutView(
                w.id(),
                w.name(),
                w.tagKey(),
                w.tagValue(),
                w.kind(),
                w.zone().getId(),
                w.days() == null
                        ? null
                        : w.days().stream()
                                .sorted()
                                .map(d -> d.name().substring(0, 3))
                                .toList(),
                w.startTime() == null ? null : w.startTime().toString(),
                w.endTime() == null ? null : w.endTime().toString(),
                w.cron() == null ? null : w.cron().expression(),
                w.duration() == null ? null : (int) w.duration().toMinutes(),
                w.startsAt(),
                w.endsAt(),
                w.description(),
                w.activeUntil(now).orElse(null),
                createdAt);
    }

    private static BlackoutWindow checked(BlackoutRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        Fields fields = new Fields();
        String name = fields.name("name", request.name(), 100);
        if (request.tagKey() != null || request.tagValue() != null) {
            fields.tag("tagKey", request.tagKey(), "tagValue", request.tagValue());
        }
        String kind = request.kind() == null ? "" : request.kind().strip();
        ZoneId zone = ZoneId.of("UTC");
        Set<DayOfWeek> days = null;
        LocalTime start = null;
        LocalTime end = null;
        CronSchedule cron = null;
        Duration duration = null;
        switch (kind) {
            case "weekly" -> {
                zone = zone(request.zone(), fields);
                days = days(request.days(), fields);
                start = time("startTime", request.startTime(), fields);
                end = time("endTime", request.endTime(), fields);
                if (start != null && start.equals(end)) {
                    fields.add(
                            "endTime", "must differ from startTime (an end before the start runs into the next day)");
                }
            }
            case "cron" -> {
                CronSchedule.Parsed parsed = CronSchedule.parse(request.cron(), request.zone(), "cron", "zone");
                parsed.problems().forEach(p -> fields.add(p.field(), p.message()));
                cron = parsed.schedule();
                zone = cron == null ? zone : cron.zone();
                Integer minutes = request.durationMinutes();
                if (minutes == null) {
                    fields.add("durationMinutes", "is required for a cron window: how long each one lasts");
                } else if (minutes < 1 || minutes > 10_080) {
                    fields.add("durationMinutes", "must be between 1 and 10080 (one week)");
                } else {
                    duration = Duration.ofMinutes(minutes);
                }
            }
            case "once" -> {
                if (request.zone() != null) {
                    zone = zone(request.zone(), fields);
                }
                if (request.startsAt() == null) {
                    fields.add("startsAt", "is required for a one-off window");
                }
                if (request.endsAt() == null) {
                    fields.add("endsAt", "is required for a one-off window");
                }
                if (request.startsAt() != null
                        && request.endsAt() != null
                        && !request.endsAt().isAfter(request.startsAt())) {
                    fields.add("endsAt", "must be after startsAt: the window ends before it starts");
                }
            }
            default -> fields.add("kind", "must be weekly, cron or once");
        }
        fields.throwIfAny();
        return new BlackoutWindow(
                UUID.randomUUID(),
                name,
                request.tagKey(),
                request.tagValue(),
                kind,
                zone,
                days,
                start,
                end,
                cron,
                duration,
                "once".equals(kind) ? request.startsAt() : null,
                "once".equals(kind) ? request.endsAt() : null);
    }

    private static ZoneId zone(String zone, Fields fields) {
        CronSchedule.Parsed parsed = CronSchedule.parse("0 0 * * *", zone, "cron", "zone");
        parsed.problems().forEach(p -> fields.add(p.field(), p.message()));
        return parsed.valid() ? parsed.schedule().zone() : ZoneId.of("UTC");
    }

    private static Set<DayOfWeek> days(List<String> given, Fields fields) {
        if (given == null || given.isEmpty() || given.size() > 7) {
            fields.add("days", "must name between 1 and 7 days: MON, TUE, WED, THU, FRI, SAT, SUN");
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : given) {
            DayOfWeek found = null;
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (day != null
                        && candidate.name().substring(0, 3).equals(day.strip().toUpperCase(Locale.ROOT))) {
                    found = candidate;
                }
            }
            if (found == null) {
                fields.add("days", "'" + day + "' is not a day: MON, TUE, WED, THU, FRI, SAT, SUN");
                return null;
            }
            days.add(found);
        }
        return days;
    }

    private static LocalTime time(String field, String value, Fields fields) {
        if (value == null || value.length() != 5) {
            fields.add(field, "is required as HH:mm, e.g. 22:00");
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            fields.add(field, "is not a time of day as HH:mm, e.g. 22:00");
            return null;
        }
    }
}
