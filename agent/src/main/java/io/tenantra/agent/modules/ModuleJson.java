package io.tenantra.agent.modules;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the agent's scan output (Jackson 3: java.time is built in, ISO dates). */
public final class ModuleJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonMapper PRETTY =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModuleJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static JsonMapper pretty() {
        return PRETTY;
    }
}
