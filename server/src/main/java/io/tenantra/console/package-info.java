/**
 * The server-rendered web console (Thymeleaf + htmx): layout and role-aware navigation, login
 * page, home dashboard. Reads other modules only through their facades.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package io.tenantra.console;
