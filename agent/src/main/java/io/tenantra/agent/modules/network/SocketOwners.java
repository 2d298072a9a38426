package io.tenantra.agent.modules.network;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps socket inodes to the processes holding them by reading every {@code /proc/<pid>/fd/*}
 * link ({@code socket:[inode]}). Without root, other users' fd directories are unreadable; those
 * sockets stay without an owner and the module says how many.
 */
final class SocketOwners {

    record Owner(Set<String> names, Set<String> executables) {}

    private final Map<Long, Owner> owners = new HashMap<>();
    private int deniedProcesses;

    static SocketOwners scan(ModuleContext ctx, Set<Long> wanted) throws InterruptedException {
        SocketOwners result = new SocketOwners();
        HostFiles files = ctx.files();
        for (String pid : files.list("/proc").names()) {
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            ctx.checkCancelled();
            HostFiles.Listing fds = files.list("/proc/" + pid + "/fd");
            if (fds.failedBadly()) {
                result.deniedProcesses++;
                continue;
            }
            Owner owner = null;
            for (String fd : fds.names()) {
                String target = files.readLink("/proc/" + pid + "/fd/" + fd).orElse("");
                if (!target.startsWith("socket:[")) {
                    continue;
                }
                Long inode = parseInode(target);
                if (inode == null || !wanted.contains(inode)) {
                    continue;
                }
                if (owner == null) {
                    owner = new Owner(new TreeSet<>(), new TreeSet<>());
                    String comm =
                            files.read("/proc/" + pid + "/comm", 4096).text().strip();
                    if (!comm.isEmpty()) {
                        owner.names().add(comm);
                    }
                    files.readLink("/proc/" + pid + "/exe").ifPresent(owner.executables()::add);
                }
                Owner found = owner;
                result.owners.merge(inode, found, (a, b) -> {
                    a.names().addAll(b.names());
                    a.executables().addAll(b.executables());
                    return a;
                });
            }
        }
        return result;
    }

    private static Long parseInode(String target) {
        try {
            return Long.parseLong(target.substring(8, target.length() - 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    Owner owner(long inode) {
        return owners.get(inode);
    }

    int deniedProcesses() {
        return deniedProcesses;
    }
}
