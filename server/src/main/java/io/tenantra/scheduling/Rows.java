package io.tenantra.scheduling;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Column conversions shared by this module's repositories: times, text arrays and JSON. */
@Component
class Rows {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JsonMapper json;

    Rows(JsonMapper json) {
        this.json = json;
    }

    String json(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    Map<String, Object> object(String text) {
        return text == null ? null : json.readValue(text, OBJECT);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A PostgreSQL text[] literal for a bind parameter cast with {@code ?::text[]}; null stays null. */
    static String textArray(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
