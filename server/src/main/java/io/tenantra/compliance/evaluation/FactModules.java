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
 * The agent modules whose items judging some policies can read: those their fact rules name (in
 * checks, check applicability and policy requirements), the packages module that applicability
 * asks about, and the system module that reports the operating system. A tenant whose content
 * reads a few modules (an imported policy of sshd settings, say) then loads only those; the
 * built-in Linux content reads nearly every module, so for it this changes little.
 */
public final class FactModules {

    /** Reports the operating system (its {@code os} item). */
    static final String SYSTEM_MODULE = "system";

    private FactModules() {}

    /** The modules to load; null when a rule names no module (its type could be in any). */
    public static Set<String> readBy(Collection<Policy> policies) {
        Set<String> modules = new TreeSet<>();
        modules.add(SYSTEM_MODULE);
        modules.add(ApplicabilityJudge.PACKAGES_MODULE);
        for (Policy policy : policies) {
            collect(policy.requirements(), modules);
            for (Check check : policy.checks()) {
                collect(check.applicability(), modules);
                collect(check.rules(), modules);
            }
        }
        return modules.contains(ANY) ? null : modules;
    }

    // Stands for a rule without a module; not a valid module name, so it cannot collide with one.
    private static final String ANY = "*";

    private static void collect(Applicability applicability, Set<String> modules) {
        if (applicability != null && applicability.requirement() != null) {
            collect(applicability.requirement().rules(), modules);
        }
    }

    private static void collect(Collection<Rule> rules, Set<String> modules) {
        for (Rule rule : rules) {
            if (rule instanceof FactRule fact) {
                modules.add(fact.module() == null ? ANY : fact.module());
            }
        }
    }
}
