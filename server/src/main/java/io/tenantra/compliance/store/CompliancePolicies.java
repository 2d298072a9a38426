package io.tenantra.compliance.store;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.wazuh.WazuhPolicyImporter;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policies a tenant imports (our check format or Wazuh SCA, detected by content unless named):
 * import, switch on or off, allow command rules, export. Every change is audited and queues a
 * re-evaluation of the tenant's assets from stored facts, in the same transaction.
 */
@Service
public class CompliancePolicies {

    /** Our format names itself on its first key; anything else is read as Wazuh SCA. */
    private static final Pattern OUR_FORMAT = Pattern.compile("(?m)^format:\\s*[\"']?tenantra/checks@");

    /** The ids the store keeps (as in our format; Wazuh ids are lower-case words already). */
    static final Pattern POLICY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final PolicyRows rows;
    private final ContentCatalog catalog;
    private final ReEvaluations reEvaluations;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final JsonMapper json;

    CompliancePolicies(
            PolicyRows rows,
            ContentCatalog catalog,
            ReEvaluations reEvaluations,
            TenantTransactions tx,
            AuditEvents audit,
            JsonMapper json) {
        this.rows = rows;
        this.catalog = catalog;
        this.reEvaluations = reEvaluations;
        this.tx = tx;
        this.audit = audit;
        this.json = json;
    }

    /** An import's outcome: the stored policy and the re-evaluation it queued (null when disabled). */
    public record Imported(PolicyRows.PolicyRow policy, EvaluationRun evaluation) {}

    /**
     * Imports a file. 422 with every problem for invalid content, 409 for an id of a built-in
     * policy or a version already imported (a replayed import changes nothing).
     *
     * @param format {@code tenantra}, {@code wazuh} or null to detect
     */
    public Imported importPolicy(CallContext call, String fileName, String source, String format, boolean enabled) {
        ContentSources.check(fileName, source);
        String detected = format != null ? format : OUR_FORMAT.matcher(source).find() ? "tenantra" : "wazuh";
        Policy policy;
        try {
            policy = switch (detected) {
                case "tenantra" -> CheckFormat.parse(fileName, source, PolicyOrigin.IMPORTED_TENANTRA);
                case "wazuh" -> WazuhPolicyImporter.parse(fileName, source);
                default -> throw ApiException.invalid("format", "must be tenantra or wazuh");
            };
        } catch (ContentException e) {
            throw ContentSources.invalid(e);
        }
        if (!POLICY_ID.matcher(policy.id()).matches()) {
            throw ApiException.invalid("policy.id", "must match " + POLICY_ID.pattern());
        }
        if (policy.version() != null && policy.version().length() > 100) {
            throw ApiException.invalid("policy.version", "must be at most 100 characters");
        }
        if (catalog.builtInPolicies().stream().anyMatch(p -> p.id().equals(policy.id()))) {
            throw ApiException.conflict(
                    "A built-in policy has the id " + policy.id() + "; give the import its own id.");
        }
        String version = policy.version() == null || policy.version().isBlank() ? "1" : policy.version();
        boolean commandRules = policy.checks().stream().anyMatch(Check::commandRules);
        return tx.write(call.scope(), () -> {
            if (rows.find(call.tenantId(), policy.id(), version, true).isPresent()) {
                throw ApiException.conflict(
                        "Version " + version + " of policy " + policy.id() + " is already imported.");
            }
            PolicyRows.PolicyRow row = new PolicyRows.PolicyRow(
                    call.tenantId(),
                    policy.id(),
                    version,
                    policy.title() == null ? policy.id() : policy.title(),
                    policy.origin().name(),
                    detected,
                    fileName,
                    source,
                    ContentSources.sha256(source),
                    policy.checks().size(),
                    commandRules,
                    enabled,
                    false,
                    json.writeValueAsString(problems(policy.problems())),
                    call.at(),
                    call.userId(),
                    call.at(),
                    call.userId());
            if (enabled) {
                rows.disableOtherVersions(call.tenantId(), policy.id(), version, call.at(), call.userId());
            }
            rows.insert(row);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("policy", policy.id());
            changes.put("version", version);
            changes.put("format", detected);
            changes.put("checks", policy.checks().size());
            changes.put("unsupported", policy.problems().size());
            changes.put("commandRules", commandRules);
            changes.put("enabled", enabled);
            audit.changed(call, AuditAction.COMPLIANCE_POLICY_IMPORT, "compliance_policy", policy.id(), changes);
            EvaluationRun run = enabled ? reEvaluations.request(call, "policy " + policy.id() + " imported") : null;
            return new Imported(row, run);
        });
    }

    /** Switches an imported policy version on (others of its id off) or off; 404 for none. */
    public Imported setEnabled(CallContext call, String policyId, String version, boolean enabled) {
        return tx.write(call.scope(), () -> {
            PolicyRows.PolicyRow row = pick(call, policyId, version);
            if (row.enabled() == enabled) {
                return new Imported(row, null);
            }
            if (enabled) {
                rows.disableOtherVersions(call.tenantId(), policyId, row.version(), call.at(), call.userId());
            }
            rows.setEnabled(call.tenantId(), policyId, row.version(), enabled, call.at(), call.userId());
            audit.changed(
                    call,
                    AuditAction.COMPLIANCE_POLICY_ENABLE,
                    "compliance_policy",
                    policyId,
                    Map.of("version", row.version(), "enabled", enabled));
            EvaluationRun run =
                    reEvaluations.request(call, "policy " + policyId + (enabled ? " enabled" : " disabled"));
            return new Imported(
                    rows.find(call.tenantId(), policyId, row.version(), false).orElseThrow(), run);
        });
    }

    /** Allows or forbids the command rules of an imported policy; 409 when it has none. */
    public Imported setCommandRules(CallContext call, String policyId, String version, boolean enabled) {
        return tx.write(call.scope(), () -> {
            PolicyRows.PolicyRow row = pick(call, policyId, version);
            if (!row.commandRules()) {
                throw ApiException.conflict("Policy " + policyId + " " + row.version() + " has no command rules.");
            }
            if (row.commandRulesEnabled() == enabled) {
                return new Imported(row, null);
            }
            rows.setCommandRulesEnabled(call.tenantId(), policyId, row.version(), enabled, call.at(), call.userId());
            audit.changed(
                    call,
                    AuditAction.COMPLIANCE_POLICY_COMMANDS,
                    "compliance_policy",
                    policyId,
                    Map.of("version", row.version(), "commandRulesEnabled", enabled));
            EvaluationRun run = row.enabled()
                    ? reEvaluations.request(
                            call, "command rules of " + policyId + (enabled ? " allowed" : " forbidden"))
                    : null;
            return new Imported(
                    rows.find(call.tenantId(), policyId, row.version(), false).orElseThrow(), run);
        });
    }

    /** The stored version asked for, or the enabled (else newest) one; 404 when none. */
    public PolicyRows.PolicyRow pick(CallContext call, String policyId, String version) {
        return tx.read(call.scope(), () -> {
                    if (version != null) {
                        return rows.find(call.tenantId(), policyId, version, false);
                    }
                    List<PolicyRows.PolicyRow> versions = rows.versions(call.tenantId(), policyId);
                    return versions.stream()
                            .filter(PolicyRows.PolicyRow::enabled)
                            .findFirst()
                            .or(() -> versions.stream().findFirst());
                })
                .orElseThrow(() -> ApiException.notFound("The policy"));
    }

    private static List<Map<String, Object>> problems(List<ContentProblem> problems) {
        return problems.stream()
                .map(p -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("kind", p.kind().name());
                    entry.put("file", p.location() == null ? "" : p.location().file());
                    entry.put("line", p.location() == null ? 0 : p.location().line());
                    entry.put("field", p.location() == null ? "" : p.location().field());
                    entry.put("message", p.message());
                    return entry;
                })
                .toList();
    }
}
