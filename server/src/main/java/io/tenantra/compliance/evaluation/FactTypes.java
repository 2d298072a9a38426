package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.Applicability;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.FactRule;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.Rule;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The item types that judging some policies can read: those their fact rules name (in checks,
 * check applicability and policy requirements), the packages that applicability asks about, and
 * the operating system item. Loading only these is what keeps a fleet's re-evaluation from
 * parsing facts no check looks at (a host's file inventory, with a hash per file, is most of
 * what agents store and no built-in check reads it).
 */
public final class FactTypes {

    /** Where the operating system is reported (the system module's {@code os} item). */
    static final String OS_TYPE = "os";

    private FactTypes() {}

    public static Set<String> readBy(Collection<Policy> policies) {
        Set<String> types = new TreeSet<>();
        types.add(OS_TYPE);
        types.add(ApplicabilityJudge.PACKAGE_TYPE);
        for (Policy policy : policies) {
            collect(policy.requirements(), types);
            for (Check check : policy.checks()) {
                collect(check.applicability(), types);
                collect(check.rules(), types);
            }
        }
        return types;
    }

    private static void collect(Applicability applicability, Set<String> types) {
        if (applicability != null && applicability.requirement() != null) {
            collect(applicability.requirement().rules(), types);
        }
    }

    private static void collect(Collection<Rule> rules, Set<String> types) {
        for (Rule rule : rules) {
            if (rule instanceof FactRule fact) {
                types.add(fact.type());
            }
        }
    }
}
