package io.tenantra.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module relies on. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** The one source of time; tests replace it to move time deterministically. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
