package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A re-evaluation writes only the verdicts that changed: judging the same facts again writes
 * nothing, a changed verdict or changed evidence is rewritten (a failure keeping when it began),
 * and a check no longer judged loses its row, while every verdict reports the asset's latest
 * evaluation.
 */
@ServerTest
class ChangedVerdictsTest {

    @Autowired
    Fixtures fx;

    @Autowired
    ResultRows results;

    @Autowired
    TenantTransactions tx;

    UUID tenant;
    UUID agent = UUID.randomUUID();
    UUID scan = UUID.randomUUID();
    Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void setUp() {
        tenant = fx.tenant(fx.root(), "verdicts");
    }

    @Test
    void onlyChangedVerdictsAreWrittenAndDroppedChecksGo() {
        assertThat(replace(
                        first,
                        result("a", Verdict.PASS, "ok"),
                        result("b", Verdict.FAIL, "7"),
                        result("c", Verdict.PASS, "ok")))
                .isEqualTo(3);

        Instant second = first.plus(1, ChronoUnit.HOURS);
        assertThat(replace(
                        second,
                        result("a", Verdict.PASS, "ok"),
                        result("b", Verdict.FAIL, "7"),
                        result("c", Verdict.PASS, "ok")))
                .as("the same facts judged again write nothing")
                .isEqualTo(0);
        Map<String, StoredResult> unchanged = stored();
        assertThat(unchanged.get("b").evaluatedAt())
                .as("the asset was evaluated again")
                .isEqualTo(second);
        assertThat(unchanged.get("b").firstFailedAt()).isEqualTo(first);
        assertThat(changedAt("b")).as("the unchanged row was not rewritten").isEqualTo(first);

        Instant third = second.plus(1, ChronoUnit.HOURS);
        // a starts failing, b still fails with other evidence, c is no longer judged
        assertThat(replace(third, result("a", Verdict.FAIL, "0"), result("b", Verdict.FAIL, "9")))
                .isEqualTo(3);
        Map<String, StoredResult> now = stored();
        assertThat(now).containsOnlyKeys("a", "b");
        assertThat(now.get("a").firstFailedAt()).isEqualTo(third);
        assertThat(now.get("b").firstFailedAt())
                .as("still failing since the first time")
                .isEqualTo(first);
        assertThat(now.get("b").evidence().get(0).observed()).isEqualTo("9");
        assertThat(changedAt("b")).isEqualTo(third);

        Instant fourth = third.plus(1, ChronoUnit.HOURS);
        assertThat(replace(fourth, result("a", Verdict.PASS, "1"), result("b", Verdict.FAIL, "9")))
                .isEqualTo(1);
        assertThat(stored().get("a").firstFailedAt())
                .as("a pass ends the failure")
                .isNull();
    }

    private int replace(Instant at, ResultRows.NewResult... judged) {
        return tx.write(TenantScope.of(tenant), () -> {
            results.upsertAssets(
                    tenant,
                    List.of(new ResultRows.AssetRow(
                            agent, "asset", "asset.example", "linux", Map.of(), null, scan, at)));
            return results.replace(tenant, at, Map.of(agent, List.of(judged)));
        });
    }

    private Map<String, StoredResult> stored() {
        return tx.read(TenantScope.of(tenant), () -> results.ofAsset(tenant, agent)).stream()
                .collect(Collectors.toMap(StoredResult::checkId, Function.identity()));
    }

    private Instant changedAt(String check) {
        return tx.read(TenantScope.of(tenant), () -> results.changedAt(tenant, agent, "policy", check));
    }

    private ResultRows.NewResult result(String check, Verdict verdict, String observed) {
        Evidence evidence = new Evidence("fact", verdict == Verdict.PASS, observed, "1", "kernel", scan, first);
        return new ResultRows.NewResult(
                "policy",
                "1",
                "Check " + check,
                "HIGH",
                new CheckResult(check, 1, verdict, verdict.name().toLowerCase(), List.of(evidence)),
                scan);
    }
}
