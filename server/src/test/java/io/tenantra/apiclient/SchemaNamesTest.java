package io.tenantra.apiclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every schema in the API reference stands for one Java type. The OpenAPI library names a schema
 * after the simple class name, and when two classes share one (three nested {@code CreateRequest}
 * records did) the second silently reuses the first's schema: the enrollment-token and API-key
 * calls were documented with the scan request's fields, and a generated client would send those.
 */
@ServerTest
class SchemaNamesTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Walks the live document: each JSON request body's schema has exactly its record's fields. */
    @Test
    void everyRequestBodyIsDocumentedWithItsOwnFields() {
        JsonNode spec = new Http(port).get("/api/v1/openapi.json", null).json();
        List<String> wrong = new ArrayList<>();
        Map<String, Set<String>> javaTypesBySchema = new TreeMap<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            Class<?> body = requestBodyType(mapping.getValue());
            if (body == null || !body.isRecord()) {
                continue;
            }
            for (String path : mapping.getKey().getPatternValues()) {
                for (RequestMethod method :
                        mapping.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = spec.at(
                            "/paths/" + pointer(path) + "/" + method.name().toLowerCase());
                    if (operation.isMissingNode()) {
                        continue; // not an API operation (console form posts are not in the reference)
                    }
                    JsonNode schema = operation.at("/requestBody/content/application~1json/schema");
                    String ref = schema.path("$ref").asString("");
                    javaTypesBySchema.computeIfAbsent(ref, r -> new TreeSet<>()).add(body.getName());
                    JsonNode resolved = ref.isEmpty() ? schema : spec.at(ref.substring(1));
                    Set<String> documented = new TreeSet<>();
                    resolved.path("properties").propertyNames().forEach(documented::add);
                    Set<String> declared = new TreeSet<>();
                    Arrays.stream(body.getRecordComponents()).forEach(c -> declared.add(c.getName()));
                    if (!documented.equals(declared)) {
                        wrong.add(method + " " + path + ": " + body.getName() + " " + declared + " documented as " + ref
                                + " " + documented);
                    }
                    checked++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        javaTypesBySchema.remove("");
        javaTypesBySchema.values().removeIf(types -> types.size() == 1);
        assertThat(javaTypesBySchema)
                .as("schemas standing for more than one Java type")
                .isEmpty();
        assertThat(checked).as("request bodies checked").isGreaterThan(20);
    }

    /**
     * Every type reachable from a request or response (fields of records, type arguments,
     * subtypes of sealed interfaces) gets a schema name no other type has.
     */
    @Test
    void noTwoTypesShareASchemaName() {
        Set<Class<?>> types = new HashSet<>();
        for (HandlerMethod handler : mappings.getHandlerMethods().values()) {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    collect(parameter.getGenericParameterType(), types);
                }
            }
            collect(handler.getMethod().getGenericReturnType(), types);
        }
        Map<String, Set<String>> byName = new TreeMap<>();
        for (Class<?> type : types) {
            byName.computeIfAbsent(schemaName(type), n -> new TreeSet<>()).add(type.getName());
        }
        assertThat(byName).as("types documented").hasSizeGreaterThan(50);
        byName.values().removeIf(names -> names.size() == 1);
        assertThat(byName).as("schema names shared by different types").isEmpty();
        JsonNode schemas =
                new Http(port).get("/api/v1/openapi.json", null).json().at("/components/schemas");
        assertThat(schemas.has("CreateRequest")).isFalse();
        assertThat(schemas.has("EnrollmentTokenCreateRequest")).isTrue();
        assertThat(schemas.has("ApiKeyCreateRequest")).isTrue();
        assertThat(schemas.has("ScanCreateRequest")).isTrue();
    }

    private static Class<?> requestBodyType(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    /** The name the OpenAPI library gives a class: its {@code @Schema(name)} or its simple name. */
    private static String schemaName(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    /** Our own types reachable from {@code type}; enums are inlined by the library, so not named. */
    private static void collect(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), seen);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(t -> collect(t, seen));
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), seen);
        } else if (type instanceof WildcardType wildcard) {
            Arrays.stream(wildcard.getUpperBounds()).forEach(t -> collect(t, seen));
        } else if (type instanceof Class<?> cls) {
            if (cls.isArray()) {
                collect(cls.getComponentType(), seen);
                return;
            }
            if (!cls.getName().startsWith("io.tenantra.") || cls.isEnum() || !seen.add(cls)) {
                return;
            }
            if (cls.isRecord()) {
                for (RecordComponent component : cls.getRecordComponents()) {
                    collect(component.getGenericType(), seen);
                }
            } else if (cls.isSealed()) {
                Arrays.stream(cls.getPermittedSubclasses()).forEach(t -> collect(t, seen));
            } else {
                for (Field field : cls.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        collect(field.getGenericType(), seen);
                    }
                }
                for (Method getter : cls.getDeclaredMethods()) {
                    if (Modifier.isPublic(getter.getModifiers()) && getter.getParameterCount() == 0) {
                        collect(getter.getGenericReturnType(), seen);
                    }
                }
            }
        }
    }

    /** A path as a JSON pointer segment: '/' becomes ~1 (and '~' becomes ~0 first). */
    private static String pointer(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }
}
