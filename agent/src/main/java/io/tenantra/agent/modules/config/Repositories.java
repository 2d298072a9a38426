package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where packages come from and whether their signatures are checked: APT sources ({@code
 * apt_source} items from {@code sources.list}, {@code sources.list.d/*.list} and deb822 {@code
 * *.sources}), APT settings that turn authentication off ({@code apt_setting}), and yum/dnf
 * repositories with their {@code gpgcheck} ({@code yum_repo}).
 */
final class Repositories {

    /** Only the flat {@code A::B::C "value";} spelling is read; nested blocks are rare for these. */
    private static final Pattern APT_SETTING = Pattern.compile(
            "((?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|Acquire::AllowWeakRepositories|APT::Authentication::TrustCDROM)[A-Za-z:]*)\\s+\"([^\"]*)\"\\s*;",
            Pattern.CASE_INSENSITIVE);

    private Repositories() {}

    static void collect(ModuleContext ctx) {
        if (ctx.files().isDirectory("/etc/apt")) {
            aptSources(ctx);
            aptSettings(ctx);
        }
        yumRepos(ctx);
    }

    private static void aptSources(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> paths = new ArrayList<>(List.of("/etc/apt/sources.list"));
        for (String name : ctx.files().list("/etc/apt/sources.list.d").names()) {
            if (name.endsWith(".list") || name.endsWith(".sources")) {
                paths.add("/etc/apt/sources.list.d/" + name);
            }
        }
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            if (path.endsWith(".sources")) {
                deb822(out, path, file.lines());
            } else {
                oneLine(out, path, file.lines());
            }
        }
    }

    /** {@code deb [signed-by=/usr/share/keyrings/x.gpg trusted=yes] https://host/debian bookworm main contrib}. */
    private static void oneLine(ResultBuilder out, String path, List<String> lines) {
        for (String raw : lines) {
            String line = Texts.stripComment(raw);
            Map<String, String> options = new LinkedHashMap<>();
            Matcher bracket =
                    Pattern.compile("^(deb|deb-src)\\s+\\[([^]]*)]\\s*(.*)$").matcher(line);
            String type;
            String rest;
            if (bracket.matches()) {
                type = bracket.group(1);
                for (String option : bracket.group(2).strip().split("\\s+")) {
                    String[] kv = option.split("=", 2);
                    if (kv.length == 2) {
                        options.put(kv[0].toLowerCase(Locale.ROOT), kv[1]);
                    }
                }
                rest = bracket.group(3);
            } else if (line.startsWith("deb ") || line.startsWith("deb-src ")) {
                type = line.substring(0, line.indexOf(' '));
                rest = line.substring(type.length()).strip();
            } else {
                continue;
            }
            String[] f = rest.split("\\s+");
            if (f.length < 2 || rest.startsWith("[")) { // an unterminated option list: not a source apt would use
                continue;
            }
            List<String> components = f.length > 2 ? List.of(f).subList(2, f.length) : List.of();
            source(out, path, type, f[0], f[1], components, options.get("signed-by"), options.get("trusted"), null);
        }
    }

    /** RFC 822-style stanzas: Types, URIs, Suites, Components, Signed-By, Trusted, Enabled. */
    private static void deb822(ResultBuilder out, String path, List<String> lines) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (String raw : lines) {
            if (raw.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                lastKey = null;
                continue;
            }
            if (raw.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null) {
                current.merge(lastKey, "\n" + raw.strip(), String::concat); // continuation (inline key)
                continue;
            }
            int colon = raw.indexOf(':');
            if (colon > 0) {
                lastKey = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                current.put(lastKey, raw.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        for (Map<String, String> s : stanzas) {
            String signedBy = s.get("signed-by");
            if (signedBy != null && signedBy.contains("BEGIN PGP PUBLIC KEY BLOCK")) {
                signedBy = "inline";
            }
            List<String> components = words(s.get("components"));
            for (String type : words(s.get("types"))) {
                for (String uri : words(s.get("uris"))) {
                    for (String suite : words(s.get("suites"))) {
                        source(out, path, type, uri, suite, components, signedBy, s.get("trusted"), s.get("enabled"));
                    }
                }
            }
        }
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : List.of(value.strip().split("\\s+"));
    }

    private static void source(
            ResultBuilder out,
            String path,
            String type,
            String uri,
            String suite,
            List<String> components,
            String signedBy,
            String trusted,
            String enabled) {
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        out.item(
                "apt_source",
                path + ": " + type + " " + uri + " " + suite,
                Attrs.of()
                        .put("source", path)
                        .put("type", type)
                        .put("uri", uri)
                        .put("suite", suite)
                        .putList("components", components)
                        .put("signedBy", signedBy)
                        .put("trusted", trusted)
                        .put("enabled", enabled)
                        .put("scheme", scheme)
                        .put("https", scheme.equals("https")));
    }

    private static void aptSettings(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> paths = new ArrayList<>(List.of("/etc/apt/apt.conf"));
        for (String name : ctx.files().list("/etc/apt/apt.conf.d").names()) {
            paths.add("/etc/apt/apt.conf.d/" + name);
        }
        Map<String, String[]> settings = new LinkedHashMap<>();
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            for (String raw : file.lines()) {
                Matcher m = APT_SETTING.matcher(Texts.stripComment(raw.replaceAll("//.*$", "")));
                while (m.find()) {
                    settings.put(m.group(1), new String[] {m.group(2), path}); // later files win
                }
            }
        }
        settings.forEach((key, v) ->
                out.item("apt_setting", key, Attrs.of().put("value", v[0]).put("source", v[1])));
    }

    private static void yumRepos(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> paths = new ArrayList<>();
        for (String conf : List.of("/etc/dnf/dnf.conf", "/etc/yum.conf")) {
            if (ctx.files().exists(conf)) {
                paths.add(conf);
            }
        }
        for (String name : ctx.files().list("/etc/yum.repos.d").names()) {
            if (name.endsWith(".repo")) {
                paths.add("/etc/yum.repos.d/" + name);
            }
        }
        for (String path : paths) {
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (!out.note(file)) {
                continue;
            }
            String section = null;
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            for (String raw : file.lines()) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                    sections.putIfAbsent(section, new LinkedHashMap<>());
                } else if (section != null && !line.startsWith("#") && line.contains("=")) {
                    int eq = line.indexOf('=');
                    sections.get(section)
                            .put(
                                    line.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                                    line.substring(eq + 1).strip());
                }
            }
            sections.forEach((id, s) -> {
                String url = s.getOrDefault("baseurl", s.getOrDefault("mirrorlist", s.get("metalink")));
                out.item(
                        "yum_repo",
                        path + ": [" + id + "]",
                        Attrs.of()
                                .put("source", path)
                                .put("id", id)
                                .put("name", s.get("name"))
                                .put("enabled", s.get("enabled"))
                                .put("gpgcheck", s.get("gpgcheck"))
                                .put("repoGpgcheck", s.get("repo_gpgcheck"))
                                .put("gpgkey", s.get("gpgkey"))
                                .put("url", url)
                                .put(
                                        "https",
                                        url == null
                                                ? null
                                                : url.toLowerCase(Locale.ROOT).startsWith("https:")));
            });
        }
    }
}
