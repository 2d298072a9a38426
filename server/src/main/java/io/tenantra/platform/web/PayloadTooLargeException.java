package io.tenantra.platform.web;

import java.io.IOException;

/**
 * Raised while reading a request body that turns out larger than allowed. It is an
 * {@link IOException} so that it travels through JSON parsers unchanged as the cause.
 */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
