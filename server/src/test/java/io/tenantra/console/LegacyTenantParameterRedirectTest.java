package io.tenantra.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rename behind the redirect of old {@code ?tenantId=} console links. */
class LegacyTenantParameterRedirectTest {

    @Test
    void renamesOnlyTheOldParameterAndKeepsTheRestByteForByte() {
        assertThat(LegacyTenantParameterRedirect.renamed("q=a%20b&tenantId=42&cursor=x%3D"))
                .isEqualTo("q=a%20b&tenant=42&cursor=x%3D");
        assertThat(LegacyTenantParameterRedirect.renamed("tenantId=1")).isEqualTo("tenant=1");
    }

    @Test
    void leavesQueriesWithoutItOrWithTheNewOneAlone() {
        assertThat(LegacyTenantParameterRedirect.renamed("q=tenantId")).isNull();
        assertThat(LegacyTenantParameterRedirect.renamed("tenantIds=1")).isNull();
        assertThat(LegacyTenantParameterRedirect.renamed("tenant=1&tenantId=2")).isNull();
    }
}
