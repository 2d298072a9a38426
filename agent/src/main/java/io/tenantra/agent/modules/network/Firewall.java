package io.tenantra.agent.modules.network;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Firewall state from the tools that manage it: {@code nft list ruleset}, {@code iptables -S} /
 * {@code ip6tables -S}, {@code ufw status} and {@code firewall-cmd --state}. A tool that is not
 * installed is simply absent; one that fails (usually: not root) makes the result partial.
 */
final class Firewall {

    private Firewall() {}

    /** Returns true when at least one tool reports active filtering, null when no tool answered. */
    static Boolean collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> present = new ArrayList<>();
        Boolean any = null;
        any = merge(any, nft(ctx, present));
        any = merge(any, iptables(ctx, "iptables", present));
        any = merge(any, iptables(ctx, "ip6tables", present));
        any = merge(any, ufw(ctx, present));
        any = merge(any, firewalld(ctx, present));
        kernel(ctx);
        out.item(
                "firewall",
                "summary",
                Attrs.of()
                        .putSorted("tools", present)
                        .put("active", any)
                        .put("state", any == null ? "unknown" : any ? "active" : "inactive"));
        return any;
    }

    private static Boolean merge(Boolean a, Boolean b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a || b;
    }

    private static CommandResult run(ModuleContext ctx, String tool, List<String> present, String... argv) {
        CommandResult result = ctx.commands().run(argv);
        if (result.notFound()) {
            return null;
        }
        present.add(tool);
        return result;
    }

    private static Boolean failed(ModuleContext ctx, String tool, CommandResult result) {
        ctx.result().partial("cannot read " + tool + " state: " + result.failure());
        ctx.result().item("firewall", tool, Attrs.of().put("present", true).put("state", "unknown"));
        return null;
    }

    private static Boolean nft(ModuleContext ctx, List<String> present) {
        CommandResult result = run(ctx, "nftables", present, "nft", "list", "ruleset");
        if (result == null) {
            return null;
        }
        if (!result.succeeded()) {
            return failed(ctx, "nftables", result);
        }
        int tables = 0;
        int rules = 0;
        int depth = 0;
        String inputPolicy = null;
        for (String raw : result.stdout().split("\n")) {
            String line = raw.strip();
            if (line.startsWith("table ")) {
                tables++;
            }
            if (line.contains("hook input") && line.contains("policy ")) {
                String policy = line.substring(line.indexOf("policy ") + 7)
                        .replace(";", "")
                        .strip();
                inputPolicy = policy.split("\\s+")[0].toLowerCase(Locale.ROOT);
            }
            boolean structural = line.isEmpty()
                    || line.startsWith("#")
                    || line.startsWith("table ")
                    || line.startsWith("chain ")
                    || line.startsWith("type ")
                    || line.startsWith("policy ")
                    || line.equals("}")
                    || line.startsWith("set ")
                    || line.startsWith("map ")
                    || line.startsWith("elements")
                    || line.startsWith("flags ")
                    || line.startsWith("comment ");
            if (depth >= 2 && !structural) {
                rules++;
            }
            depth += count(line, '{') - count(line, '}');
        }
        boolean active = rules > 0 || "drop".equals(inputPolicy) || "reject".equals(inputPolicy);
        ctx.result()
                .item(
                        "firewall",
                        "nftables",
                        Attrs.of()
                                .put("present", true)
                                .put("tables", tables)
                                .put("ruleCount", rules)
                                .put("inputPolicy", inputPolicy)
                                .put("active", active));
        return active;
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }

    private static Boolean iptables(ModuleContext ctx, String tool, List<String> present) {
        CommandResult result = run(ctx, tool, present, tool, "-S");
        if (result == null) {
            return null;
        }
        if (!result.succeeded()) {
            return failed(ctx, tool, result);
        }
        int rules = 0;
        String inputPolicy = null;
        boolean restrictivePolicy = false;
        for (String line : result.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && f[0].equals("-P")) {
                if (f[1].equals("INPUT")) {
                    inputPolicy = f[2].toLowerCase(Locale.ROOT);
                }
                restrictivePolicy |= !f[2].equals("ACCEPT") && !f[1].equals("OUTPUT");
            } else if (f.length >= 2 && f[0].equals("-A")) {
                rules++;
            }
        }
        boolean active = rules > 0 || restrictivePolicy;
        ctx.result()
                .item(
                        "firewall",
                        tool,
                        Attrs.of()
                                .put("present", true)
                                .put("ruleCount", rules)
                                .put("inputPolicy", inputPolicy)
                                .put("active", active));
        return active;
    }

    private static Boolean ufw(ModuleContext ctx, List<String> present) {
        CommandResult result = run(ctx, "ufw", present, "ufw", "status");
        if (result == null) {
            return null;
        }
        if (!result.succeeded()) {
            return failed(ctx, "ufw", result);
        }
        boolean active = result.stdout().lines().anyMatch(l -> l.strip().equalsIgnoreCase("Status: active"));
        ctx.result().item("firewall", "ufw", Attrs.of().put("present", true).put("active", active));
        return active;
    }

    private static Boolean firewalld(ModuleContext ctx, List<String> present) {
        CommandResult result = run(ctx, "firewalld", present, "firewall-cmd", "--state");
        if (result == null) {
            return null;
        }
        // firewall-cmd answers "not running" with exit 252: a state, not a failure.
        String state = (result.stdout() + result.stderr()).strip().toLowerCase(Locale.ROOT);
        if (!result.succeeded() && !state.contains("not running")) {
            return failed(ctx, "firewalld", result);
        }
        boolean active = state.equals("running");
        ctx.result()
                .item("firewall", "firewalld", Attrs.of().put("present", true).put("active", active));
        return active;
    }

    /**
     * What the kernel itself says, with or without tools: the iptables tables in use ({@code
     * /proc/net/ip_tables_names}, {@code ip6_tables_names}: a table appears once rules or a policy
     * touched it) and whether nf_tables is loaded. Lets content tell "no firewall tool" from "no
     * firewall" on hosts where rules are loaded at boot by a script.
     */
    private static void kernel(ModuleContext ctx) {
        Attrs attrs = Attrs.of();
        attrs.putSorted("iptablesTables", tables(ctx, "/proc/net/ip_tables_names"));
        attrs.putSorted("ip6tablesTables", tables(ctx, "/proc/net/ip6_tables_names"));
        TextFile modules = ctx.files().read("/proc/modules", 4L * 1024 * 1024);
        if (modules.ok()) {
            List<String> loaded = modules.lines().stream()
                    .map(l -> l.split("\\s+")[0])
                    .filter(n -> n.equals("nf_tables") || n.equals("ip_tables") || n.equals("ip6_tables"))
                    .toList();
            attrs.put("nfTablesLoaded", loaded.contains("nf_tables"))
                    .put("ipTablesLoaded", loaded.contains("ip_tables"))
                    .put("ip6TablesLoaded", loaded.contains("ip6_tables"));
        }
        ctx.result().item("firewall", "kernel", attrs);
    }

    private static List<String> tables(ModuleContext ctx, String path) {
        TextFile file = ctx.files().read(path, 64 * 1024);
        if (!file.ok()) {
            ctx.result().note(file);
            return null;
        }
        return file.lines().stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }
}
