package io.tenantra.agent;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Local settings of this agent, decided on the host and never by the server: the file
 * {@code settings.properties} in the state directory (for example {@code probes.commands=false}),
 * overridden by {@code --set KEY=VALUE} on the command line.
 */
final class AgentSettings {

    static final String FILE = "settings.properties";

    private AgentSettings() {}

    static Map<String, String> load(AgentHome home, Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Optional<String> text = home.readText(FILE);
        if (text.isPresent()) {
            Properties p = new Properties();
            p.load(new StringReader(text.get()));
            p.stringPropertyNames()
                    .forEach(name -> settings.put(name, p.getProperty(name).strip()));
        }
        settings.putAll(overrides);
        return settings;
    }
}
