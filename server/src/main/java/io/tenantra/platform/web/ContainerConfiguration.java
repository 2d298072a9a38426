package io.tenantra.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet container's part of the edge: redirects stay relative (see {@link
 * RelativeRedirectFilter}), and errors Tomcat raises itself are rendered by {@link
 * ProblemErrorReportValve}. Runs after Spring Boot's own customizer, which
 * installs a plain {@link ErrorReportValve}, and replaces it.
 */
@Configuration(proxyBeanMethods = false)
class ContainerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new ProblemReports();
    }

    private static final class ProblemReports
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                // Tomcat would otherwise turn every relative Location into an absolute one built
                // from the client's Host header (Spring Boot turns Tomcat's relative mode off).
                context.setUseRelativeRedirects(true);
                Container parent = context.getParent();
                for (Valve valve : parent.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        parent.getPipeline().removeValve(valve);
                    }
                }
                if (parent instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                parent.getPipeline().addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
