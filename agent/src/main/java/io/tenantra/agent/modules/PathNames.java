package io.tenantra.agent.modules;

import java.util.ArrayDeque;
import java.util.Deque;

/** Normalises host path strings so that the same file always gets the same key. */
public final class PathNames {

    private PathNames() {}

    /**
     * Absolute, {@code /}-separated, no empty or {@code .} segments, {@code ..} resolved
     * lexically, no trailing slash. Lexical only: it never touches the file system.
     */
    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** {@code parent} + "/" + {@code name}, normalised. */
    public static String join(String parent, String name) {
        return normalize(parent + "/" + name);
    }

    /** True when {@code path} is {@code dir} or lies below it (both normalised). */
    public static boolean isUnder(String path, String dir) {
        return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
    }

    /** The last segment of a path. */
    public static String fileName(String path) {
        String normalized = normalize(path);
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    /** /proc/mounts escapes space, tab, newline and backslash in its fields as three octal digits. */
    public static String unescapeMountField(String field) {
        if (!field.contains("\\")) {
            return field;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\'
                    && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
