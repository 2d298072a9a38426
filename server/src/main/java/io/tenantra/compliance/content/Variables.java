package io.tenantra.compliance.content;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A policy's variables and their substitution into probe targets and patterns. {@code ${name}}
 * is replaced by the variable's value; {@code $${} stands for a literal {@code ${}, so any text a
 * probe needs can still be written. A reference to an undefined variable is a content error, never
 * left in place (a probe would otherwise look for a file literally named {@code ${sshd_config}}).
 */
final class Variables {

    /** Names as in shell variables. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

    private final Map<String, String> values;
    private final YamlFields yaml;

    Variables(Map<String, String> values, YamlFields yaml) {
        this.values = values;
        this.yaml = yaml;
    }

    /** {@code text} with every reference replaced; unknown names are reported and left as written. */
    String substitute(String text, Node node, String path) {
        if (text == null || !text.contains("$")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) == null) {
                replacement = "${";
            } else {
                String name = matcher.group(1);
                replacement = values.get(name);
                if (replacement == null) {
                    yaml.error(node, path, "unknown variable ${" + name + "} (define it under variables)");
                    replacement = matcher.group();
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code text} escaped so that reading it back gives {@code text} again. */
    static String escape(String text) {
        return text == null ? null : text.replace("${", "$${");
    }
}
