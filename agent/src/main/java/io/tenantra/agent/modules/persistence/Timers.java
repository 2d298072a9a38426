package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.services.SystemdUnits;
import io.tenantra.agent.modules.services.UnitFile;
import java.util.List;
import java.util.stream.Stream;

/** systemd timers with their schedule and the command of the service each one starts. */
final class Timers {

    private Timers() {}

    static void collect(Entries entries) throws InterruptedException {
        ModuleContext ctx = entries.ctx();
        SystemdUnits units = SystemdUnits.load(ctx, List.of(".timer", ".service"));
        for (SystemdUnits.Unit timer : units.units().values()) {
            if (!timer.name().endsWith(".timer")) {
                continue;
            }
            UnitFile f = timer.file();
            String target = f.last("Timer", "Unit");
            if (target == null) {
                target = timer.name().substring(0, timer.name().length() - 6) + ".service";
            }
            SystemdUnits.Unit service = units.units().get(target);
            List<String> exec = service == null ? List.of() : service.file().all("Service", "ExecStart");
            List<String> schedule = Stream.of(
                            "OnCalendar",
                            "OnBootSec",
                            "OnStartupSec",
                            "OnActiveSec",
                            "OnUnitActiveSec",
                            "OnUnitInactiveSec")
                    .flatMap(k -> f.all("Timer", k).stream().map(v -> k + "=" + v))
                    .toList();
            String command = String.join("\n", exec);
            entries.emit(
                    "systemd_timer",
                    timer.name(),
                    entries.fileAttrs(timer.meta())
                            .put("source", timer.path())
                            .putList("schedule", schedule)
                            .put("unit", target)
                            .putList("command", exec)
                            .put("user", service == null ? null : service.file().last("Service", "User"))
                            .put("enabledState", timer.enabled()),
                    command,
                    timer.meta());
        }
    }
}
