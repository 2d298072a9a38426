package io.tenantra.compliance.api;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.model.Severity;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The result filters of the compliance API (framework, control, check, verdict, severity, agent,
 * tag, text) turned into a {@link ResultQuery}, validated the same way for the export as for the
 * results list: anything that does not parse or names nothing enabled is a 422 naming it.
 */
@Component
public class ResultFilter {

    /** The filter parameters as given, before validation. */
    public record Given(
            String framework,
            String control,
            String check,
            String verdict,
            String severity,
            String agent,
            String tag,
            String q) {

        /** The parameters that were given, for the audit trail of an export. */
        public Map<String, String> present() {
            Map<String, String> present = new LinkedHashMap<>();
            put(present, "framework", framework);
            put(present, "control", control);
            put(present, "check", check);
            put(present, "verdict", verdict);
            put(present, "severity", severity);
            put(present, "agent", agent);
            put(present, "tag", tag);
            put(present, "q", q);
            return present;
        }

        private static void put(Map<String, String> into, String name, String value) {
            if (value != null && !value.isEmpty()) {
                into.put(name, value);
            }
        }
    }

    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;

    ResultFilter(ContentCatalog catalog, ComplianceEnablement enablement) {
        this.catalog = catalog;
        this.enablement = enablement;
    }

    public ResultQuery query(CallContext call, Given given, ResultQuery.Sort sort, boolean descending) {
        Set<String> checkIds =
                checkIds(call, given.framework(), given.control(), Params.contentId("check", given.check()));
        Set<String> severities = new HashSet<>();
        Params.enums("severity", given.severity(), Severity.class).forEach(s -> severities.add(s.name()));
        Map.Entry<String, String> tag = null;
        if (given.tag() != null) {
            int eq = given.tag().indexOf('=');
            if (eq <= 0 || Params.text("tag", given.tag()) == null) {
                throw ApiException.invalid("tag", "must be key=value");
            }
            tag = Map.entry(given.tag().substring(0, eq), given.tag().substring(eq + 1));
        }
        return new ResultQuery(
                checkIds,
                Params.enums("verdict", given.verdict(), Verdict.class),
                severities,
                Params.uuid("agent", given.agent()),
                tag,
                Params.text("q", given.q()),
                sort,
                descending);
    }

    /** The check ids a framework / control / check filter leaves; null when none is given. */
    private Set<String> checkIds(CallContext call, String framework, String control, String check) {
        Set<String> ids = null;
        if (framework != null || control != null) {
            if (framework == null) {
                throw ApiException.invalid("control", "needs framework");
            }
            Map<String, Set<String>> controls = catalog.forTenant(
                            call.scope(), call.tenantId(), enablement.effective(call.tenantId()))
                    .controls()
                    .get(Params.contentId("framework", framework));
            if (controls == null) {
                throw ApiException.invalid("framework", "is not a framework enabled for this tenant");
            }
            ids = new HashSet<>();
            if (control != null) {
                Set<String> mapped = controls.get(Params.contentId("control", control));
                if (mapped == null) {
                    throw ApiException.invalid("control", "no enabled check supports this control");
                }
                ids.addAll(mapped);
            } else {
                controls.values().forEach(ids::addAll);
            }
        }
        if (check != null) {
            ids = ids == null ? Set.of(check) : ids.contains(check) ? Set.of(check) : Set.of();
        }
        return ids;
    }
}
