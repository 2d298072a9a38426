package io.tenantra.compliance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.compliance.store.ScoreRows;
import io.tenantra.compliance.store.StoredResult;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.tenancy.TenantHierarchy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Posture, history, assets and verdicts with their evidence: the read side of compliance. */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Compliance")
class ComplianceResultsController {

    static final int MAX_HISTORY_DAYS = 731;

    private final ComplianceSummaries summaries;
    private final ResultRows results;
    private final ScoreRows scores;
    private final TenantHierarchy hierarchy;
    private final TenantAccess access;
    private final TenantTransactions tx;
    private final ResultFilter filter;

    ComplianceResultsController(
            ComplianceSummaries summaries,
            ResultRows results,
            ScoreRows scores,
            TenantHierarchy hierarchy,
            TenantAccess access,
            TenantTransactions tx,
            ResultFilter filter) {
        this.summaries = summaries;
        this.results = results;
        this.scores = scores;
        this.hierarchy = hierarchy;
        this.access = access;
        this.tx = tx;
        this.filter = filter;
    }

    record Summary(String scope, int tenants, List<ComplianceSummaries.FrameworkSummary> frameworks) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/summary")
    @Operation(
            summary = "Score per enabled framework (with and without exceptions), counts, assets and trend;"
                    + " scope=subtree rolls up every tenant below that the caller sees")
    Summary summary(
            TenantContext ctx,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) Integer trendDays) {
        CallContext call = ctx.call();
        int days = Params.range("trendDays", trendDays, 7, 1, 365);
        List<UUID> tenants;
        if (scope == null || scope.equals("tenant")) {
            tenants = List.of(call.tenantId());
        } else if (scope.equals("subtree")) {
            // Only the tenants below on which the caller may read compliance count in the roll-up.
            Set<UUID> readable = access.tenantsWith(ctx.user(), Permission.COMPLIANCE_READ);
            tenants = hierarchy.subtree(call.tenantId()).stream()
                    .filter(t -> t.equals(call.tenantId()) || readable.contains(t))
                    .toList();
        } else {
            throw ApiException.invalid("scope", "must be tenant or subtree");
        }
        LocalDate today = ComplianceSummaries.today(call.at());
        return new Summary(
                scope == null ? "tenant" : scope,
                tenants.size(),
                summaries.summary(TenantScope.of(tenants), call.tenantId(), tenants, today, days));
    }

    record History(String frameworkId, LocalDate from, LocalDate to, List<ScoreRows.DailyScore> days) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/history")
    @Operation(summary = "The tenant's daily scores of one framework between two dates (default: the last 90 days)")
    History history(
            CallContext call,
            @RequestParam String framework,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        String id = Params.contentId("framework", framework);
        LocalDate end = Params.date("to", to, ComplianceSummaries.today(call.at()));
        LocalDate start = Params.date("from", from, end.minusDays(89));
        if (start.isAfter(end)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        if (start.plusDays(MAX_HISTORY_DAYS).isBefore(end)) {
            throw ApiException.invalid("from", "the range may span at most " + MAX_HISTORY_DAYS + " days");
        }
        return new History(id, start, end, summaries.history(call.scope(), call.tenantId(), id, start, end));
    }

    record AssetSummary(ResultRows.AssetRow asset, List<ScoreRows.AssetScore> scores) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/assets")
    @Operation(summary = "The assets compliance has judged, by name, each with its score per enabled framework")
    PageResponse<AssetSummary> assets(
            CallContext call,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        int offset = Params.offset(cursor);
        List<AssetSummary> page = tx.read(call.scope(), () -> {
            List<ResultRows.AssetRow> rows = results.assets(call.tenantId(), offset, size);
            Map<UUID, List<ScoreRows.AssetScore>> byAgent = new java.util.HashMap<>();
            for (ScoreRows.AssetScore score : scores.assetScores(
                    call.tenantId(),
                    rows.stream().map(ResultRows.AssetRow::agentId).toList())) {
                byAgent.computeIfAbsent(score.agentId(), k -> new java.util.ArrayList<>())
                        .add(score);
            }
            return rows.stream()
                    .map(r -> new AssetSummary(r, byAgent.getOrDefault(r.agentId(), List.of())))
                    .toList();
        });
        return new PageResponse<>(page, Params.next(offset, size, page.size()));
    }

    record AssetDetail(ResultRows.AssetRow asset, List<ScoreRows.AssetScore> scores, List<StoredResult> results) {}

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/assets/{agentId}")
    @Operation(summary = "One asset: its scores and the verdict of every enabled check (evidence: see results)")
    AssetDetail asset(CallContext call, @PathVariable UUID agentId) {
        return tx.read(call.scope(), () -> {
            ResultRows.AssetRow asset =
                    results.asset(call.tenantId(), agentId).orElseThrow(() -> ApiException.notFound("The asset"));
            return new AssetDetail(
                    asset,
                    scores.assetScores(call.tenantId(), List.of(agentId)),
                    results.ofAsset(call.tenantId(), agentId).stream()
                            .map(StoredResult::withoutEvidence)
                            .toList());
        });
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/results")
    @Operation(
            summary = "Verdicts filtered by framework, control, check, verdict, severity, agent, tag (key=value) and"
                    + " text; sorted by severity, check, agent, verdict or evaluated (prefix - for descending)")
    PageResponse<StoredResult> results(
            CallContext call,
            @RequestParam(required = false) String framework,
            @RequestParam(required = false) String control,
            @RequestParam(required = false) String check,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String agent,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        int offset = Params.offset(cursor);
        boolean descending = sort != null && sort.startsWith("-");
        ResultQuery.Sort order = null;
        if (sort != null) {
            String name = descending ? sort.substring(1) : sort;
            order = Params.enums("sort", name, ResultQuery.Sort.class).stream()
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid("sort", "must name one order"));
        } else {
            descending = true; // most severe first
        }
        ResultQuery query = filter.query(
                call,
                new ResultFilter.Given(framework, control, check, verdict, severity, agent, tag, q),
                order,
                descending);
        List<StoredResult> page = tx.read(call.scope(), () -> results.list(call.tenantId(), query, offset, size));
        return new PageResponse<>(page, Params.next(offset, size, page.size()));
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/results/{agentId}/{checkId}")
    @Operation(
            summary = "One verdict with its evidence: observed and expected values, the deciding rules, scan and time")
    StoredResult evidence(CallContext call, @PathVariable UUID agentId, @PathVariable String checkId) {
        String id = Params.contentId("checkId", checkId);
        return tx.read(call.scope(), () -> results.find(call.tenantId(), agentId, id))
                .orElseThrow(() -> ApiException.notFound("The result"));
    }
}
