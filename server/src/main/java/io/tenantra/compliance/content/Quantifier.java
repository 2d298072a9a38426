package io.tenantra.compliance.content;

/** How many of the selected items must satisfy a fact rule's test. */
public enum Quantifier {
    ALL,
    ANY,
    NONE
}
