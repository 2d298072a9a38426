package io.tenantra.console;

import io.tenantra.identity.Permission;

/**
 * One entry of the console's navigation. Modules that own a page contribute one as a bean; the
 * layout shows it only to callers holding {@code permission} (null: everyone signed in).
 */
public record NavItem(String label, String href, String icon, int order, Permission permission) {}
