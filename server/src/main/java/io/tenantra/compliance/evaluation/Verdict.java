package io.tenantra.compliance.evaluation;

/**
 * The outcome of one check on one asset. NOT_APPLICABLE and ERROR are never counted as pass or
 * fail; UNSUPPORTED marks content this product cannot evaluate.
 */
public enum Verdict {
    PASS,
    FAIL,
    NOT_APPLICABLE,
    ERROR,
    UNSUPPORTED
}
