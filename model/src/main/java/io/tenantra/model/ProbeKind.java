package io.tenantra.model;

/**
 * What a probe looks at. The names follow the rule types of public SCA policy content so that
 * imported policies map one to one: {@code f:} file, {@code d:} directory, {@code p:} process,
 * {@code c:} command, {@code r:} registry; {@link #FILE_STAT} is ours (mode, owner, group).
 */
public enum ProbeKind {
    /** One or more files: exists, or a line satisfies every content test. */
    FILE,
    /** Files in a directory, optionally filtered by a file-name pattern, then as {@link #FILE}. */
    DIRECTORY,
    /** A running process whose name or command line matches the target. */
    PROCESS,
    /** A program's output lines (no shell unless {@link Probe#shell()}). */
    COMMAND,
    /** A Windows registry key, optionally one value of it. */
    REGISTRY,
    /** A file's metadata, offered as one line {@code mode=0644 owner=root group=root uid=0 gid=0 kind=file}. */
    FILE_STAT
}
