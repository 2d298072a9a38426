package io.tenantra.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link ServerTest} whose clock only moves when the test says so ({@code @Autowired MutableClock})
 * and whose login rate limits are the production defaults. A server of its own (one more context
 * in Spring's cache), shared by every class that uses this annotation. All requests come from
 * 127.0.0.1, so a test that logs in should first move the clock past the rate-limit window.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServerTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = {"tenantra.login.rate-limit.per-ip=30", "tenantra.login.rate-limit.per-username=10"})
public @interface MovableClockServerTest {}
