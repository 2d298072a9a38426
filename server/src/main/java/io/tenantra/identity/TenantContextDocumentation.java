package io.tenantra.identity;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.tenantra.platform.context.CallContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes tenant-scoped endpoints correctly in the OpenAPI document. A {@link TenantContext} or
 * {@link CallContext} controller parameter is filled by the server, not sent by the client, so it must not appear as
 * a request parameter; the {@code {tenantId}} path variable it comes from must appear instead.
 */
@Configuration(proxyBeanMethods = false)
class TenantContextDocumentation {

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(TenantContext.class)
                .addRequestWrapperToIgnore(CallContext.class);
    }

    @Bean
    OperationCustomizer tenantPathParameter() {
        return (operation, handler) -> {
            boolean takesContext = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p ->
                            p.getParameterType() == TenantContext.class || p.getParameterType() == CallContext.class);
            List<Parameter> parameters =
                    operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
            boolean declared =
                    parameters.stream().anyMatch(p -> "tenantId".equals(p.getName()) && "path".equals(p.getIn()));
            if (takesContext && !declared) {
                parameters.add(
                        0,
                        new PathParameter()
                                .name("tenantId")
                                .description("The tenant the request works on; unknown or invisible ones answer 404.")
                                .required(true)
                                .schema(new StringSchema().format("uuid")));
                operation.setParameters(parameters);
            }
            return operation;
        };
    }
}
