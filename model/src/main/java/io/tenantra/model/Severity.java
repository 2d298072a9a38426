package io.tenantra.model;

/** How bad a flagged risk is, from informational to critical. Ordered: later is worse. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
