package io.tenantra.platform.web;

import io.tenantra.platform.text.TextRules;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON reader of the API, strict in the ways that matter for security and for honest
 * validation errors, so that no endpoint has to repeat these checks:
 *
 * <ul>
 *   <li>a key repeated in one object is refused (otherwise the last one silently wins, and two
 *       parsers in a chain can disagree about which value was meant);
 *   <li>no scalar is coerced: a string where a number or boolean belongs ({@code "5"},
 *       {@code "false"}), a fraction where an integer belongs ({@code 1.5}), or a number or
 *       boolean where text belongs ({@code {"name":12345}}) is a 422 naming the field;
 *   <li>every string value and every object key used as a map key obeys {@link TextRules} and is
 *       normalised to NFC.
 * </ul>
 *
 * These apply to Spring's shared {@code JsonMapper}, which reads every request body and is also
 * used for values the server itself wrote, which already obey them.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReader() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("tenantra-strict-text")
                        .addDeserializer(String.class, new CheckedStringDeserializer())
                        .addKeyDeserializer(String.class, new CheckedKeyDeserializer()));
    }

    /** Reads a string as Jackson would, then applies the text rule. */
    static final class CheckedStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String value = super.deserialize(p, ctxt);
            return checked(value, p);
        }
    }

    /** Map keys (tags, for example) are text like any other. */
    static final class CheckedKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
            return checked(key, ctxt.getParser());
        }
    }

    private static String checked(String value, JsonParser p) {
        String violation = TextRules.violation(value, TextRules.Mode.SINGLE_LINE);
        if (violation != null) {
            throw new RejectedTextException(p, violation);
        }
        return TextRules.normalise(value);
    }

    /**
     * A string that breaks the text rule. A {@link MismatchedInputException}, so Jackson adds the
     * field's path as it unwinds; the message is what the caller reads in {@code errors[]}.
     */
    static final class RejectedTextException extends MismatchedInputException {

        RejectedTextException(JsonParser p, String message) {
            super(p, message, String.class);
        }

        /** The rule's own words, without Jackson's location and path suffixes. */
        String rule() {
            return getOriginalMessage();
        }
    }
}
