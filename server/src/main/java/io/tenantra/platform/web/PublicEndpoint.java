package io.tenantra.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an API endpoint that needs no credentials (login, ping, JWKS). The security filter
 * chain must list its path as permitted too; {@code EndpointPermissionsTest} checks both agree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface PublicEndpoint {}
