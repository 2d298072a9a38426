package io.tenantra.agent.modules.users;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Local accounts and groups with password state, hash algorithm, ageing against the login.defs
 * policy, last login and sudo rights. Password hashes are classified in memory and never leave
 * the module: items carry only the algorithm name and flags.
 */
public final class UsersModule implements ScanModule {

    public static final String NAME = "users";
    /** Setting: a local file of known-breached password hashes, one per line. */
    public static final String BREACHED_HASHES = "users.breachedHashes";

    private static final long NEVER = 99999;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "local users and groups, password state and hash algorithm, ageing, last login, sudoers";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(20);
    }

    record Account(String name, long uid, long gid, String gecos, String home, String shell, String passwdField) {}

    record Shadow(
            String field, Long lastChange, Long minDays, Long maxDays, Long warnDays, Long inactiveDays, Long expire) {}

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        TextFile passwd = ctx.files().read("/etc/passwd");
        if (!passwd.ok()) {
            out.partial("cannot read " + passwd.describeProblem() + ": no accounts listed");
            return out.build(this);
        }
        out.note(passwd);
        List<Account> accounts = parsePasswd(passwd, out);
        Map<String, Set<String>> memberships = groups(ctx, accounts);
        Map<String, Shadow> shadow = shadow(ctx);
        Map<String, String> defs = ConfigText.whitespaceSeparated(
                ctx.files().read("/etc/login.defs").lines(), false, false);
        long policyMax = longOr(defs.get("PASS_MAX_DAYS"), NEVER);
        BreachedHashes breached = BreachedHashes.load(ctx);
        SudoersParser sudoers = new SudoersParser(ctx);
        sudoers.parse();
        LastLogins logins = new LastLogins(ctx.files());
        logins.load(out);
        LocalDate today = LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC);

        Map<Long, List<String>> byUid = new TreeMap<>();
        for (Account a : accounts) {
            byUid.computeIfAbsent(a.uid(), k -> new ArrayList<>()).add(a.name());
        }
        for (Account account : accounts) {
            ctx.checkCancelled();
            Set<String> groups = memberships.getOrDefault(account.name(), new TreeSet<>());
            boolean loginShell = isLoginShell(account.shell());
            boolean sudo = sudoers.principals().contains(account.name())
                    || groups.stream().anyMatch(g -> sudoers.principals().contains("%" + g));
            Attrs attrs = Attrs.of()
                    .put("uid", account.uid())
                    .put("gid", account.gid())
                    .put("gecos", account.gecos().isEmpty() ? null : account.gecos())
                    .put("home", account.home())
                    .put("shell", account.shell())
                    .put("loginShell", loginShell)
                    .putSorted("groups", groups)
                    .put("sudo", sudo);
            String key = account.name();
            logins.of(account.name(), account.uid())
                    .ifPresent(login ->
                            attrs.put("lastLogin", login.time().toString()).put("lastLoginFrom", login.from()));
            String field = null;
            if (!account.passwdField().equals("x") && !account.passwdField().equals("*")) {
                // The hash (or an empty password) sits in world-readable /etc/passwd itself.
                field = account.passwdField();
                if (!field.isEmpty() && HashAlgorithm.algorithm(field.replaceFirst("^[!*]+", "")) != null) {
                    out.risk(
                            Severity.HIGH,
                            "users.hash_in_passwd",
                            "user",
                            key,
                            "password hash stored in world-readable /etc/passwd instead of /etc/shadow");
                }
            }
            Shadow sh = shadow == null ? null : shadow.get(account.name());
            if (sh != null && (field == null || field.equals("x"))) {
                field = sh.field();
            }
            HashAlgorithm.Classification c =
                    field == null ? HashAlgorithm.classify(null) : HashAlgorithm.classify(field);
            attrs.put("passwordState", c.state())
                    .put("hashAlgorithm", c.algorithm())
                    .put("weakHash", c.algorithm() == null ? null : c.weak());
            if (sh != null) {
                ageing(attrs, sh, today);
            }
            if (field != null && breached.matches(field)) {
                attrs.put("knownBreachedHash", true);
                out.risk(
                        Severity.CRITICAL,
                        "users.known_breached_hash",
                        "user",
                        key,
                        "password hash matches an entry of the local known-breached list");
            }
            out.item("user", key, attrs);
            risks(out, account, key, c, sh, loginShell, policyMax, today, byUid);
        }
        Homes.collect(
                ctx, accounts.stream().filter(a -> isLoginShell(a.shell())).toList());
        return out.build(this);
    }

    private static void risks(
            ResultBuilder out,
            Account account,
            String key,
            HashAlgorithm.Classification c,
            Shadow sh,
            boolean loginShell,
            long policyMax,
            LocalDate today,
            Map<Long, List<String>> byUid) {
        if (account.uid() == 0 && !account.name().equals("root")) {
            out.risk(
                    Severity.CRITICAL,
                    "users.uid0_not_root",
                    "user",
                    key,
                    "account other than root has uid 0 (full root rights)");
        }
        if (byUid.get(account.uid()).size() > 1 && account.uid() != 0) {
            out.risk(
                    Severity.MEDIUM,
                    "users.duplicate_uid",
                    "user",
                    key,
                    "uid " + account.uid() + " is shared by " + String.join(", ", byUid.get(account.uid())));
        }
        if (c.state().equals("empty")) {
            out.risk(
                    loginShell ? Severity.CRITICAL : Severity.HIGH,
                    "users.empty_password",
                    "user",
                    key,
                    "account has an empty password: anyone may log in as it"
                            + (loginShell ? "" : " where PAM allows (nullok)"));
        } else if (c.weak() && c.state().equals("set")) {
            out.risk(
                    Severity.HIGH,
                    "users.weak_hash",
                    "user",
                    key,
                    "password hashed with weak algorithm " + c.algorithm());
        } else if (c.weak()) {
            out.risk(
                    Severity.LOW,
                    "users.weak_hash",
                    "user",
                    key,
                    "locked account keeps a password hashed with weak algorithm " + c.algorithm());
        }
        if (sh != null && c.state().equals("set") && policyMax < NEVER) {
            Long max = sh.maxDays();
            if (max == null || max >= NEVER || max > policyMax) {
                out.risk(
                        Severity.LOW,
                        "users.password_age_exceeds_policy",
                        "user",
                        key,
                        "maximum password age " + (max == null || max >= NEVER ? "unlimited" : max + " days")
                                + " exceeds the login.defs policy of " + policyMax + " days");
            }
            if (max != null
                    && max < NEVER
                    && sh.lastChange() != null
                    && sh.lastChange() > 0
                    && LocalDate.ofEpochDay(sh.lastChange() + max).isBefore(today)) {
                out.risk(Severity.LOW, "users.password_expired", "user", key, "password older than its maximum age");
            }
        }
    }

    private static void ageing(Attrs attrs, Shadow sh, LocalDate today) {
        if (sh.lastChange() != null) {
            attrs.put(
                    "passwordLastChanged",
                    sh.lastChange() == 0
                            ? null
                            : LocalDate.ofEpochDay(sh.lastChange()).toString());
            attrs.put("mustChangePassword", sh.lastChange() == 0);
        }
        attrs.put("passwordMinDays", sh.minDays())
                .put("passwordMaxDays", sh.maxDays() != null && sh.maxDays() >= NEVER ? null : sh.maxDays())
                .put("passwordNeverExpires", sh.maxDays() == null || sh.maxDays() >= NEVER)
                .put("passwordWarnDays", sh.warnDays())
                .put("passwordInactiveDays", sh.inactiveDays());
        if (sh.expire() != null) {
            attrs.put("accountExpires", LocalDate.ofEpochDay(sh.expire()).toString());
            attrs.put("accountExpired", LocalDate.ofEpochDay(sh.expire()).isBefore(today));
        }
    }

    static boolean isLoginShell(String shell) {
        return !(shell.isEmpty()
                || shell.endsWith("/nologin")
                || shell.endsWith("/false")
                || shell.endsWith("/sync")
                || shell.endsWith("/shutdown")
                || shell.endsWith("/halt"));
    }

    private static List<Account> parsePasswd(TextFile passwd, ResultBuilder out) {
        List<Account> accounts = new ArrayList<>();
        int malformed = 0;
        for (String line : passwd.lines()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            Long uid = f.length == 7 ? Texts.parseLong(f[2]) : null;
            Long gid = f.length == 7 ? Texts.parseLong(f[3]) : null;
            if (uid == null || gid == null || f[0].isEmpty() || f[0].startsWith("+") || f[0].startsWith("-")) {
                malformed++;
                continue;
            }
            accounts.add(new Account(f[0], uid, gid, f[4], f[5], f[6], f[1]));
        }
        if (malformed > 0) {
            // Line content is not echoed: a malformed line may hold a password hash.
            out.message(malformed + " malformed or NIS line(s) in /etc/passwd ignored");
        }
        return accounts;
    }

    /** Emits group items and returns each user's groups (primary and supplementary). */
    private static Map<String, Set<String>> groups(ModuleContext ctx, List<Account> accounts) {
        ResultBuilder out = ctx.result();
        TextFile group = ctx.files().read("/etc/group");
        out.note(group);
        Map<String, Set<String>> memberships = new HashMap<>();
        Map<Long, String> gidNames = new HashMap<>();
        for (String line : group.lines()) {
            String[] f = line.split(":", -1);
            Long gid = f.length == 4 ? Texts.parseLong(f[2]) : null;
            if (gid == null || f[0].isEmpty() || line.startsWith("#")) {
                continue;
            }
            gidNames.putIfAbsent(gid, f[0]);
            Set<String> members = new TreeSet<>();
            for (String m : f[3].split(",")) {
                if (!m.isBlank()) {
                    members.add(m.strip());
                    memberships.computeIfAbsent(m.strip(), k -> new TreeSet<>()).add(f[0]);
                }
            }
            Set<String> primary = new TreeSet<>();
            for (Account a : accounts) {
                if (a.gid() == gid) {
                    primary.add(a.name());
                }
            }
            out.item(
                    "group",
                    f[0],
                    Attrs.of().put("gid", gid).putSorted("members", members).putSorted("primaryMembers", primary));
        }
        for (Account a : accounts) {
            String primary = gidNames.get(a.gid());
            memberships
                    .computeIfAbsent(a.name(), k -> new TreeSet<>())
                    .add(primary == null ? Long.toString(a.gid()) : primary);
        }
        return memberships;
    }

    /** Null when shadow is unreadable (the result is then partial). */
    private static Map<String, Shadow> shadow(ModuleContext ctx) {
        TextFile file = ctx.files().read("/etc/shadow");
        if (file.missing()) {
            ctx.result().message("no /etc/shadow: password states come from /etc/passwd only");
            return null;
        }
        if (!file.ok()) {
            ctx.result()
                    .partial("cannot read " + file.describeProblem()
                            + ": password states, hash algorithms and ageing unknown");
            return null;
        }
        ctx.result().note(file);
        Map<String, Shadow> entries = new HashMap<>();
        for (String line : file.lines()) {
            String[] f = line.split(":", -1);
            if (f.length < 8 || f[0].isEmpty()) {
                continue;
            }
            entries.putIfAbsent(
                    f[0], new Shadow(f[1], num(f[2]), num(f[3]), num(f[4]), num(f[5]), num(f[6]), num(f[7])));
        }
        return entries;
    }

    private static Long num(String field) {
        return field.isEmpty() ? null : Texts.parseLong(field);
    }

    private static long longOr(String value, long fallback) {
        Long parsed = Texts.parseLong(value);
        return parsed == null ? fallback : parsed;
    }
}
