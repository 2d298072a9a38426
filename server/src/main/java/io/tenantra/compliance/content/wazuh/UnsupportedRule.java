package io.tenantra.compliance.content.wazuh;

/**
 * Thrown while translating one Wazuh rule (or one pattern inside it) that this product cannot run
 * with the meaning Wazuh gives it. The importer catches it, reports the rule as UNSUPPORTED with
 * its line, and keeps importing the rest of the policy: a rule is never guessed.
 */
final class UnsupportedRule extends RuntimeException {

    UnsupportedRule(String reason) {
        super(reason, null, false, false);
    }
}
