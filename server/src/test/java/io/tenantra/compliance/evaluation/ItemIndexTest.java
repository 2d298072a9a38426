package io.tenantra.compliance.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.AttributeTest;
import io.tenantra.compliance.content.Operator;
import io.tenantra.model.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding items by key or by an attribute's text gives exactly what scanning and comparing would. */
class ItemIndexTest {

    final Item sshd = new Item("package", "dpkg:openssh-server:amd64", Map.of("name", "openssh-server"));
    final Item sshdI386 = new Item("package", "dpkg:openssh-server:i386", Map.of("name", "openssh-server"));
    final Item one = new Item("sysctl", "a", Map.of("value", 1.0));
    final Item nested = new Item("unit", "cron", Map.of("state", Map.of("active", "yes")));
    final Item bare = new Item("sysctl", "b", Map.of());
    final ItemIndex index = new ItemIndex(
            Map.of("package", List.of(sshd, sshdI386), "sysctl", List.of(one, bare), "unit", List.of(nested)));

    @Test
    void byKeyAndByAttributeTextAsEqualsComparesThem() {
        assertThat(index.withKey("package", "dpkg:openssh-server:i386")).containsExactly(sshdI386);
        assertThat(index.withKey("package", "openssh-server")).isEmpty();
        assertThat(index.withAttribute("package", "name", "openssh-server")).containsExactly(sshd, sshdI386);
        assertThat(index.withAttribute("unit", "state.active", "yes")).containsExactly(nested);
        assertThat(index.withAttribute("missing", "name", "x")).isEmpty();
        for (Item item : List.of(one, bare)) {
            boolean equal = AttributeComparison.apply(new AttributeTest("value", Operator.EQUALS, "1"), item)
                            .outcome()
                    == Outcome.HELD;
            assertThat(index.withAttribute("sysctl", "value", "1").contains(item))
                    .as("the index agrees with EQUALS on %s", item.key())
                    .isEqualTo(equal);
        }
    }
}
