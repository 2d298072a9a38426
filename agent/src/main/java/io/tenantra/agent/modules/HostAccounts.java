package io.tenantra.agent.modules;

import java.util.HashMap;
import java.util.Map;

/**
 * Numeric ids to names from the host's own {@code /etc/passwd} and {@code /etc/group} (through
 * the root), not from the JVM's name service: a fixture tree or a mounted image has its own
 * accounts, and NSS lookups (LDAP, sssd) could block or differ between runs.
 */
public final class HostAccounts {

    private final Map<Integer, String> users = new HashMap<>();
    private final Map<Integer, String> groups = new HashMap<>();

    public static HostAccounts load(HostFiles files) {
        HostAccounts accounts = new HostAccounts();
        accounts.fill(files.read("/etc/passwd", 4L * 1024 * 1024), accounts.users);
        accounts.fill(files.read("/etc/group", 4L * 1024 * 1024), accounts.groups);
        return accounts;
    }

    private void fill(TextFile file, Map<Integer, String> target) {
        for (String line : file.lines()) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && !fields[0].isEmpty() && !line.startsWith("#")) {
                Long id = Texts.parseLong(fields[2]);
                if (id != null && id >= 0 && id <= Integer.MAX_VALUE) {
                    target.putIfAbsent(id.intValue(), fields[0]);
                }
            }
        }
    }

    /** The user name of {@code uid}, or the number as text when the host has no such user. */
    public String user(int uid) {
        return uid < 0 ? null : users.getOrDefault(uid, Integer.toString(uid));
    }

    public String group(int gid) {
        return gid < 0 ? null : groups.getOrDefault(gid, Integer.toString(gid));
    }

    public boolean knowsUser(int uid) {
        return users.containsKey(uid);
    }

    public boolean knowsGroup(int gid) {
        return groups.containsKey(gid);
    }
}
