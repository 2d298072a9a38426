package io.tenantra.platform.web;

import io.tenantra.platform.context.Origin;
import jakarta.servlet.http.HttpServletRequest;

/** Reads a request's {@link Origin} once, at the edge, for the call context built from it. */
public final class Origins {

    private Origins() {}

    public static Origin of(HttpServletRequest request) {
        if (request == null) {
            return Origin.NONE;
        }
        Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        return new Origin(id == null ? null : id.toString(), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
