package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical form is a contract with every export ever written: these vectors pin it down.
 * Plain unit tests, no server.
 */
class CanonicalFormTest {

    static final UUID TENANT = UUID.fromString("11111111-2222-3333-4444-555555555555");

    static ChainEvent sample() {
        return new ChainEvent(
                TENANT,
                1,
                UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
                Instant.parse("2026-11-21T15:00:00.123456Z"),
                "USER",
                UUID.fromString("99999999-8888-7777-6666-555555555555"),
                "alice",
                null,
                null,
                "user.create",
                "user",
                "42",
                "{\"email\":\"a@example.com\",\"roles\":[\"ADMIN\"]}",
                "SUCCESS",
                "127.0.0.1",
                "curl/8",
                "req-1",
                ChainEvent.GENESIS,
                null);
    }

    @Test
    void theCanonicalFormHasSortedKeysExplicitNullsAndMicroseconds() {
        assertThat(sample().canonical())
                .isEqualTo("{\"action\":\"user.create\",\"actorId\":\"99999999-8888-7777-6666-555555555555\","
                        + "\"actorKind\":\"USER\",\"actorName\":\"alice\","
                        + "\"changes\":{\"email\":\"a@example.com\",\"roles\":[\"ADMIN\"]},"
                        + "\"id\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\",\"impersonatorId\":null,"
                        + "\"impersonatorName\":null,\"ip\":\"127.0.0.1\",\"occurredAt\":\"2026-11-21T15:00:00.123456Z\","
                        + "\"outcome\":\"SUCCESS\",\"requestId\":\"req-1\",\"seq\":1,\"targetId\":\"42\","
                        + "\"targetType\":\"user\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\","
                        + "\"userAgent\":\"curl/8\"}");
    }

    @Test
    void theHashIsSha256OfThePreviousHashFollowedByTheCanonicalForm() {
        ChainEvent event = sample();
        // Computed independently: printf '%s%s' "$prev" "$canonical" | sha256sum
        assertThat(event.computeHash()).isEqualTo(ChainEvent.sha256(ChainEvent.GENESIS + event.canonical()));
        assertThat(event.computeHash()).isEqualTo(HASH_OF_SAMPLE);
        ChainEvent linked = event.linked(1, ChainEvent.GENESIS);
        assertThat(linked.hash()).isEqualTo(HASH_OF_SAMPLE);
        ChainEvent next = event.linked(2, linked.hash());
        assertThat(next.prevHash()).isEqualTo(HASH_OF_SAMPLE);
        assertThat(next.hash()).isNotEqualTo(HASH_OF_SAMPLE);
    }

    @Test
    void theCanonicalFormSplitsAroundTheSeqForTheDatabaseToFillIn() {
        ChainEvent event = sample();
        String[] parts = event.canonicalAroundSeq();
        assertThat(parts[0]).endsWith(",\"seq\":");
        assertThat(parts[1]).startsWith(",\"targetId\":");
        assertThat(parts[0] + event.seq() + parts[1]).isEqualTo(event.canonical());
    }

    static final String HASH_OF_SAMPLE = "5ddd4d71eb5f4f5c2f43111c06e1266780cbec1b015deaa82f81fe1ba253ae43";

    @Test
    void instantsAlwaysCarrySixFractionalDigits() {
        assertThat(ChainEvent.formatInstant(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(ChainEvent.truncate(Instant.parse("2026-01-02T03:04:05.123456789Z")))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void canonicalJsonSortsEscapesAndNormalisesNumbers() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", new BigDecimal("1.50"));
        value.put("a", Arrays.asList(null, true, new BigDecimal("100"), new BigDecimal("-0.0")));
        value.put("é", "line\nbreak \"quoted\" \\ \u0001 ü 😀");
        assertThat(CanonicalJson.write(value))
                .isEqualTo(
                        "{\"a\":[null,true,100,0],\"b\":1.5,\"é\":\"line\\nbreak \\\"quoted\\\" \\\\ \\u0001 ü 😀\"}");
    }

    @Test
    void reformattedJsonCanonicalisesBackToTheSameText() {
        // How PostgreSQL's jsonb prints an object differs from ours; parsing it back must not matter.
        String canonical = "{\"a\":{\"x\":[1,2.5]},\"b\":\"\\/ \\u00e9\"}";
        String asJsonb = "{\"b\": \"/ é\", \"a\": {\"x\": [1, 2.50]}}";
        assertThat(CanonicalJson.canonicalise(asJsonb)).isEqualTo(CanonicalJson.canonicalise(canonical));
        assertThat(CanonicalJson.canonicalise(CanonicalJson.canonicalise(asJsonb)))
                .isEqualTo(CanonicalJson.canonicalise(asJsonb));
        assertThat(CanonicalJson.canonicalise("{\"n\":1e2}")).isEqualTo("{\"n\":100}");
    }

    @Test
    void malformedJsonIsRejected() {
        for (String bad : List.of("{", "{\"a\":1,\"a\":2}", "[1,]", "01", "\"unterminated", "{\"a\":1} x", "nul")) {
            assertThatThrownBy(() -> CanonicalJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void secretsAreRedactedAtEveryLevelButIdentifiersAreNot() {
        EventNormaliser normaliser = new EventNormaliser(JsonMapper.builder().build());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("password", "p");
        changes.put("newPasswordHash", "h");
        changes.put("clientSecret", "s");
        changes.put("apiKey", "k");
        changes.put("apiKeyId", "id-is-fine");
        changes.put("nested", Map.of("refreshToken", "t", "list", List.of(Map.of("privateKey", "x"))));
        changes.put("when", Instant.parse("2026-01-01T00:00:00Z"));
        changes.put("nan", Double.NaN);
        assertThat(normaliser.changes(changes))
                .isEqualTo("{\"apiKey\":\"[redacted]\",\"apiKeyId\":\"id-is-fine\",\"clientSecret\":\"[redacted]\","
                        + "\"nan\":\"NaN\",\"nested\":{\"list\":[{\"privateKey\":\"[redacted]\"}],"
                        + "\"refreshToken\":\"[redacted]\"},\"newPasswordHash\":\"[redacted]\",\"password\":\"[redacted]\","
                        + "\"when\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void hugeChangeSummariesAreReplacedByANote() {
        EventNormaliser normaliser = new EventNormaliser(JsonMapper.builder().build());
        String changes = normaliser.changes(Map.of("blob", "x".repeat(EventNormaliser.MAX_CHANGES_CHARS)));
        assertThat(changes).startsWith("{\"keys\":[\"blob\"],\"size\":").endsWith("\"truncated\":true}");
    }

    @Test
    void textPostgresCannotStoreIsReplaced() {
        assertThat(EventNormaliser.text("a\u0000b", 10)).isEqualTo("a\uFFFDb");
        assertThat(EventNormaliser.text("x\uD83D", 10)).isEqualTo("x\uFFFD");
        assertThat(EventNormaliser.text("😀😀", 3)).isEqualTo("😀\uFFFD");
        assertThat(EventNormaliser.text("plain", 3)).isEqualTo("pla");
    }

    @Test
    void csvRoundTripsNullsEmptyStringsFormulasAndLineBreaks() throws Exception {
        List<String> row = Arrays.asList(
                null, "", "plain", "=SUM(A1)", "+1", "-x", "@home", "'quoted'", "a,b", "say \"hi\"", "two\r\nlines");
        StringWriter out = new StringWriter();
        Csv.writeRow(out, row);
        Csv.writeRow(out, List.of("second"));
        assertThat(out.toString()).startsWith(",\"\",plain,'=SUM(A1),'+1,'-x,'@home,''quoted',\"a,b\",");
        Csv.RecordReader reader = new Csv.RecordReader(new StringReader(out.toString()));
        assertThat(reader.next()).isEqualTo(row);
        assertThat(reader.next()).containsExactly("second");
        assertThat(reader.next()).isNull();
    }

    @Test
    void anUnclosedQuoteIsMalformed() {
        Csv.RecordReader reader = new Csv.RecordReader(new StringReader("a,\"open\r\n"));
        assertThatThrownBy(reader::next).isInstanceOf(Csv.MalformedCsvException.class);
    }

    @Test
    void anExportRowReadsBackToTheSameEvent() throws Exception {
        ChainEvent event = sample().linked(1, ChainEvent.GENESIS);
        StringWriter out = new StringWriter();
        new ExportCsv(out).event(event);
        List<String> row = new Csv.RecordReader(new StringReader(out.toString())).next();
        assertThat(ExportCsv.parse(new ArrayList<>(row))).isEqualTo(event);
    }
}
