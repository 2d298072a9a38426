package io.tenantra.compliance.web;

import io.tenantra.compliance.api.ResultFilter;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.exceptions.ActiveException;
import io.tenantra.compliance.exceptions.ExceptionLookup;
import io.tenantra.compliance.store.ComplianceEnablement;
import io.tenantra.compliance.store.ComplianceSummaries;
import io.tenantra.compliance.store.ContentCatalog;
import io.tenantra.compliance.store.ResultQuery;
import io.tenantra.compliance.store.ResultRows;
import io.tenantra.compliance.store.ScoreRows;
import io.tenantra.compliance.store.StoredResult;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compliance overview and the evidence of one verdict. The overview shows, per enabled
 * framework, the score with and without exceptions, the verdict counts and the daily trend, then
 * the results table (filtered, sorted and paged as an htmx partial) and the export links. The
 * evidence page answers "why": observed against expected per rule, the scan and time, the fix,
 * and whether an exception covers it. Reads go through the same store and filters as the API.
 */
@Controller
class CompliancePageController {

    static final int PAGE_SIZE = 50;
    static final int DEFAULT_TREND_DAYS = 30;
    static final int MAX_TREND_DAYS = 731;

    private final ComplianceSummaries summaries;
    private final ResultRows results;
    private final ResultFilter filter;
    private final ContentCatalog catalog;
    private final ComplianceEnablement enablement;
    private final ExceptionLookup exceptions;
    private final TenantTransactions tx;
    private final CallContexts calls;
    private final TenantChoices choices;
    private final TenantAccess access;

    CompliancePageController(
            ComplianceSummaries summaries,
            ResultRows results,
            ResultFilter filter,
            ContentCatalog catalog,
            ComplianceEnablement enablement,
            ExceptionLookup exceptions,
            TenantTransactions tx,
            CallContexts calls,
            TenantChoices choices,
            TenantAccess access) {
        this.summaries = summaries;
        this.results = results;
        this.filter = filter;
        this.catalog = catalog;
        this.enablement = enablement;
        this.exceptions = exceptions;
        this.tx = tx;
        this.calls = calls;
        this.choices = choices;
        this.access = access;
    }

    /** The table's filters and order as the page's form sends them. */
    record TableForm(
            String framework, String verdict, String severity, String agent, String q, String sort, Integer page) {

        ResultFilter.Given given() {
            return new ResultFilter.Given(
                    blank(framework), null, null, blank(verdict), blank(severity), blank(agent), null, blank(q));
        }

        int offset() {
            return page == null || page < 1 ? 0 : (page - 1) * PAGE_SIZE;
        }

        int pageNumber() {
            return page == null || page < 1 ? 1 : page;
        }
    }

    @ModelAttribute("table")
    TableForm table(
            @RequestParam(required = false) String framework,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String agent,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page) {
        return new TableForm(framework, verdict, severity, agent, q, sort, page);
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance")
    String overview(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @ModelAttribute("table") TableForm table,
            Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.COMPLIANCE_READ, tenantId, model);
        if (tenant == null) {
            return "compliance/overview";
        }
        CallContext call = calls.on(user, tenant.id(), tenant.scope(), null);
        LocalDate today = ComplianceSummaries.today(call.at());
        LocalDate end = date(to, today, model, "to");
        LocalDate start = date(from, end.minusDays(DEFAULT_TREND_DAYS - 1L), model, "from");
        if (start.isAfter(end) || start.plusDays(MAX_TREND_DAYS).isBefore(end)) {
            model.addAttribute("dateError", "The trend runs from a day up to " + MAX_TREND_DAYS + " days later.");
            end = today;
            start = today.minusDays(DEFAULT_TREND_DAYS - 1L);
        }
        List<ComplianceSummaries.FrameworkSummary> frameworks =
                summaries.summary(tenant.scope(), tenant.id(), List.of(tenant.id()), today, 7);
        Map<String, Map<String, Object>> trends = new LinkedHashMap<>();
        for (ComplianceSummaries.FrameworkSummary framework : frameworks) {
            trends.put(
                    framework.frameworkId(),
                    trend(summaries.history(tenant.scope(), tenant.id(), framework.frameworkId(), start, end)));
        }
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("frameworks", frameworks);
        model.addAttribute("trends", trends);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        rows(call, table, model);
        return "compliance/overview";
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/results")
    String resultRows(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @ModelAttribute("table") TableForm table,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        model.addAttribute("tenantId", tenantId);
        rows(call, table, model);
        return "compliance/results :: table";
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/results/{agentId}/{checkId}")
    String evidence(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID agentId,
            @PathVariable String checkId,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        TenantScope scope = call.scope();
        StoredResult result = tx.read(scope, () -> results.find(tenantId, agentId, checkId))
                .orElseThrow(() -> ApiException.notFound("The result"));
        Map<String, String> tags = tx.read(scope, () -> results.asset(tenantId, agentId))
                .map(ResultRows.AssetRow::tags)
                .orElse(Map.of());
        Check check = catalog.forTenant(scope, tenantId, enablement.effective(tenantId))
                .checks()
                .get(checkId);
        Optional<ActiveException> exception =
                exceptions.activeFor(call, tenantId).applying(tenantId, agentId, tags, checkId, result.verdict());
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("result", result);
        model.addAttribute("check", check);
        model.addAttribute("exception", exception.orElse(null));
        model.addAttribute(
                "canRequestException",
                access.permissionsOn(user, tenantId).contains(Permission.COMPLIANCE_EXCEPTION_REQUEST));
        return "compliance/evidence";
    }

    /** One page of verdicts for the table, or the reason the filters were refused. */
    private void rows(CallContext call, TableForm table, Model model) {
        model.addAttribute("pageNumber", table.pageNumber());
        try {
            ResultQuery.Sort sort = null;
            boolean descending = true; // most severe first, as the API
            String order = blank(table.sort());
            if (order != null) {
                descending = order.startsWith("-");
                String name = descending ? order.substring(1) : order;
                try {
                    sort = ResultQuery.Sort.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("sort", "must be severity, check, agent, verdict or evaluated");
                }
            }
            ResultQuery query = filter.query(call, table.given(), sort, descending);
            // One row more than shown tells whether a next page exists.
            List<StoredResult> page =
                    tx.read(call.scope(), () -> results.list(call.tenantId(), query, table.offset(), PAGE_SIZE + 1));
            model.addAttribute("results", page.size() > PAGE_SIZE ? page.subList(0, PAGE_SIZE) : page);
            model.addAttribute("hasNext", page.size() > PAGE_SIZE);
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("results", List.of());
            model.addAttribute("hasNext", false);
            model.addAttribute("filterError", ConsoleForms.message(e));
        }
    }

    /** The trend as the chart script reads it: days and the scores of each day. */
    private static Map<String, Object> trend(List<ScoreRows.DailyScore> days) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("days", days.stream().map(d -> d.day().toString()).toList());
        series.put("score", days.stream().map(ScoreRows.DailyScore::meanScore).toList());
        series.put(
                "withExceptions",
                days.stream().map(ScoreRows.DailyScore::meanScoreWithExceptions).toList());
        return series;
    }

    private static LocalDate date(String value, LocalDate fallback, Model model, String name) {
        if (blank(value) == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            model.addAttribute("dateError", "The " + name + " date is not a date (YYYY-MM-DD).");
            return fallback;
        }
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
