package io.tenantra.compliance.content;

/** How a check combines its rules' outcomes: every rule, at least one, or none must hold. */
public enum Condition {
    ALL,
    ANY,
    NONE
}
