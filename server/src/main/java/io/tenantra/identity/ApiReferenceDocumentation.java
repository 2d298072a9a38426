package io.tenantra.identity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.tenantra.platform.web.PublicEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * The API reference's front matter and its security: title, version and description, and the
 * schemes a client authenticates with, so that Swagger UI's "Authorize" works and generated
 * clients know which header to send. Every operation needs a bearer access token or an API key
 * unless its handler is a {@link PublicEndpoint}; agent-protocol operations need the agent's
 * signed token instead. The description itself is prose kept in {@code openapi/description.md}.
 */
@Configuration(proxyBeanMethods = false)
class ApiReferenceDocumentation {

    /** Security scheme of user access tokens (JWT from {@code POST /api/v1/auth/login}). */
    static final String BEARER = "bearerAuth";

    /** Security scheme of API keys: also a bearer token, told apart by its {@code tnk_} prefix. */
    static final String API_KEY = "apiKey";

    /** Security scheme of enrolled agents: a per-request token signed with the agent's key. */
    static final String AGENT_TOKEN = "agentToken";

    static final String AGENT_PATHS = "/api/v1/agent/";

    private static final String DESCRIPTION = "openapi/description.md";

    static {
        // The OpenAPI library knows Jackson 2's JsonNode but not Jackson 3's, and would describe
        // it as a bean of its getters (isArray, isBoolean, ...); it is any JSON value.
        SpringDocUtils.getConfig()
                .replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value"))
                // A streamed download is bytes, not an object.
                .replaceWithSchema(StreamingResponseBody.class, new StringSchema().format("binary"));
    }

    @Bean
    OpenAPI tenantraOpenApi(ObjectProvider<BuildProperties> build) {
        return new OpenAPI()
                .info(new Info()
                        .title("Tenantra API")
                        .version(version(build.getIfAvailable()))
                        .description(description()))
                // A relative server keeps the document the same whichever host and port serve it,
                // so the copy committed in docs/openapi.json can be compared with the live one.
                .servers(List.of(new Server().url("/").description("The server that serves this document")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from POST /api/v1/auth/login (or"
                                                + " /api/v1/auth/refresh), sent as `Authorization: Bearer <token>`."))
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("tnk_<prefix>_<secret>")
                                        .description("An API key from POST /api/v1/tenants/{tenantId}/api-keys, sent"
                                                + " in the same header: `Authorization: Bearer tnk_...`. It acts for"
                                                + " its creator with the permissions it was given."))
                        .addSecuritySchemes(
                                AGENT_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("signed agent token")
                                        .description("Agents only: a token signed per request with the agent's"
                                                + " Ed25519 key, binding method, path and body digest.")))
                // Either scheme is enough: two requirements are alternatives in OpenAPI.
                .security(
                        List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)));
    }

    /** Public endpoints need nothing: an empty requirement list overrides the global one. */
    @Bean
    OperationCustomizer publicEndpointsNeedNoCredentials() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PublicEndpoint.class)) {
                operation.setSecurity(List.of());
            }
            return operation;
        };
    }

    /**
     * Operation ids that say what they do and stay put: the handler method's name followed by its
     * controller's ({@code create} in {@code EnrollmentTokenController} is
     * {@code createEnrollmentToken}), unless the method name already says it or {@code @Operation}
     * names the operation itself. The library's default, the bare method name with {@code _1},
     * {@code _2} for repeats, numbers them in discovery order, so a generated client's methods
     * would be renamed whenever a controller is added.
     */
    @Bean
    OperationCustomizer operationIdsNamedAfterTheirController() {
        return (operation, handler) -> {
            var declared = handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
            if (declared == null || declared.operationId().isEmpty()) {
                operation.setOperationId(operationId(
                        handler.getMethod().getName(), handler.getBeanType().getSimpleName()));
            }
            return operation;
        };
    }

    static String operationId(String method, String controller) {
        String subject = controller.endsWith("Controller")
                ? controller.substring(0, controller.length() - "Controller".length())
                : controller;
        return method.toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT)) ? method : method + subject;
    }

    /** Agent-protocol operations (except the public enrollment) authenticate as the agent. */
    @Bean
    OpenApiCustomizer agentOperationsUseTheAgentToken() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(AGENT_PATHS)) {
                for (Operation operation : item.readOperations()) {
                    if (operation.getSecurity() == null) {
                        operation.setSecurity(List.of(new SecurityRequirement().addList(AGENT_TOKEN)));
                    }
                }
            }
        });
    }

    /**
     * The project version recorded by the build ({@code build-info}); a server started from an IDE
     * without the Maven build has none, and says so rather than pretending to be a release.
     */
    private static String version(BuildProperties build) {
        return build == null ? "unknown (built without build-info)" : build.getVersion();
    }

    private static String description() {
        try (InputStream in = new ClassPathResource(DESCRIPTION).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The API description " + DESCRIPTION + " is missing", e);
        }
    }
}
