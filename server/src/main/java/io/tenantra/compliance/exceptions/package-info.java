/**
 * Exceptions: a failing check accepted for an asset, a tag or a whole tenant, with a reason, an
 * approver other than the requester and an expiry; and overrides of not-applicable to pass or
 * fail. Excepted results stay visible as such; scores are given with and without exceptions.
 */
@org.springframework.modulith.NamedInterface("exceptions")
package io.tenantra.compliance.exceptions;
