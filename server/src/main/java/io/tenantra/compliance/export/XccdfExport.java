package io.tenantra.compliance.export;

import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import java.io.Writer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Results as XCCDF 1.2 {@code TestResult}s (one per asset) inside an ARF 1.1 asset report
 * collection, the form SCAP viewers and OpenSCAP's own reports use: each asset is an
 * {@code arf:asset} (a computing device with its host name and addresses), each TestResult an
 * {@code arf:report} about it.
 *
 * <p>Rows must arrive grouped by asset (consecutive rows of one asset form its TestResult; rows
 * out of that order are refused); the export endpoint orders its query so. Verdicts map to XCCDF results: PASS pass, FAIL fail,
 * NOT_APPLICABLE notapplicable, ERROR error, UNSUPPORTED notchecked. An excepted failure stays
 * {@code fail} with a message saying who accepted it and why. Severity critical becomes XCCDF
 * {@code high} (XCCDF has no higher). The score uses the flat model: the number of passing checks
 * out of those that passed or failed.
 */
public final class XccdfExport {

    public static final String XCCDF = "http://checklists.nist.gov/xccdf/1.2";
    public static final String ARF = "http://scap.nist.gov/schema/asset-reporting-format/1.1";
    public static final String CORE = "http://scap.nist.gov/schema/reporting-core/1.1";
    public static final String AI = "http://scap.nist.gov/schema/asset-identification/1.1";
    static final String VOCABULARY = "http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#";
    /** The reverse-DNS namespace of every XCCDF id we write ({@code xccdf_<namespace>_<type>_<name>}). */
    static final String ID_NAMESPACE = "io.tenantra";

    private static final Pattern IP_LITERAL =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)");

    private XccdfExport() {}

    /** The XCCDF rule id of a check. */
    public static String ruleId(String checkId) {
        return "xccdf_" + ID_NAMESPACE + "_rule_" + checkId;
    }

    /**
     * Writes the whole collection; iterates {@code rows} twice (assets first, then results);
     * flushes, never closes {@code out}.
     */
    public static void write(Iterable<ExportRow> rows, Instant exportedAt, Writer out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setPrefix("arf", ARF);
            xml.setPrefix("core", CORE);
            xml.setPrefix("ai", AI);
            xml.setPrefix("xccdf", XCCDF);
            xml.writeStartElement(ARF, "asset-report-collection");
            xml.writeNamespace("arf", ARF);
            xml.writeNamespace("core", CORE);
            xml.writeNamespace("ai", AI);
            xml.writeNamespace("xccdf", XCCDF);
            xml.writeNamespace("arfvocab", VOCABULARY);

            // ARF wants relationships and assets before the reports: a first pass over the rows
            // collects the assets (small), the second writes one report per asset as it goes.
            Map<UUID, ExportRow.Asset> assets = new LinkedHashMap<>();
            for (ExportRow row : rows) {
                assets.putIfAbsent(row.asset().id(), row.asset());
            }

            xml.writeStartElement(CORE, "relationships");
            for (UUID asset : assets.keySet()) {
                xml.writeStartElement(CORE, "relationship");
                xml.writeAttribute("type", "arfvocab:isAbout");
                xml.writeAttribute("subject", reportId(asset));
                element(xml, CORE, "ref", assetRef(asset));
                xml.writeEndElement();
            }
            xml.writeEndElement();

            xml.writeStartElement(ARF, "assets");
            for (ExportRow.Asset asset : assets.values()) {
                asset(xml, asset);
            }
            xml.writeEndElement();

            xml.writeStartElement(ARF, "reports");
            List<ExportRow> group = new ArrayList<>();
            Set<UUID> reported = new HashSet<>();
            for (ExportRow row : rows) {
                if (!group.isEmpty()
                        && !group.get(0).asset().id().equals(row.asset().id())) {
                    report(xml, group, exportedAt);
                    reported.add(group.get(0).asset().id());
                    group.clear();
                }
                if (group.isEmpty() && reported.contains(row.asset().id())) {
                    throw new IllegalArgumentException("export rows must be grouped by asset");
                }
                group.add(row);
            }
            if (!group.isEmpty()) {
                report(xml, group, exportedAt);
            }
            xml.writeEndElement();

            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the XCCDF export", e);
        }
    }

    private static void report(XMLStreamWriter xml, List<ExportRow> group, Instant exportedAt)
            throws XMLStreamException {
        xml.writeStartElement(ARF, "report");
        xml.writeAttribute("id", reportId(group.get(0).asset().id()));
        xml.writeStartElement(ARF, "content");
        testResult(xml, group, exportedAt);
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void asset(XMLStreamWriter xml, ExportRow.Asset asset) throws XMLStreamException {
        xml.writeStartElement(ARF, "asset");
        xml.writeAttribute("id", assetRef(asset.id()));
        xml.writeStartElement(AI, "computing-device");
        List<InetAddress> addresses =
                asset.addresses().stream().flatMap(a -> literal(a).stream()).toList();
        if (!addresses.isEmpty()) {
            xml.writeStartElement(AI, "connections");
            for (InetAddress address : addresses) {
                xml.writeStartElement(AI, "connection");
                xml.writeStartElement(AI, "ip-address");
                // Asset identification wants IPv6 in its full eight-group form.
                element(xml, AI, address instanceof Inet6Address ? "ip-v6" : "ip-v4", address.getHostAddress());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        if (!asset.hostname().isEmpty()) {
            element(xml, AI, "hostname", asset.hostname());
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void testResult(XMLStreamWriter xml, List<ExportRow> rows, Instant exportedAt)
            throws XMLStreamException {
        ExportRow.Asset asset = rows.get(0).asset();
        Instant start = rows.stream()
                .map(ExportRow::evaluatedAt)
                .min(Instant::compareTo)
                .orElse(exportedAt);
        Instant end = rows.stream()
                .map(ExportRow::evaluatedAt)
                .max(Instant::compareTo)
                .orElse(exportedAt);
        xml.writeStartElement(XCCDF, "TestResult");
        xml.writeAttribute("id", "xccdf_" + ID_NAMESPACE + "_testresult_" + asset.id());
        xml.writeAttribute("start-time", start.toString());
        xml.writeAttribute("end-time", end.toString());
        xml.writeAttribute("test-system", "cpe:/a:tenantra:tenantra");
        element(xml, XCCDF, "title", "Tenantra compliance results for " + display(asset));
        xml.writeStartElement(XCCDF, "identity");
        xml.writeAttribute("authenticated", "false");
        xml.writeAttribute("privileged", "false");
        xml.writeCharacters("tenantra-agent");
        xml.writeEndElement();
        element(xml, XCCDF, "target", display(asset));
        for (String address : asset.addresses()) {
            element(xml, XCCDF, "target-address", address);
        }
        xml.writeStartElement(XCCDF, "target-facts");
        fact(xml, "urn:xccdf:fact:asset:identifier:uuid", asset.id().toString());
        if (!asset.hostname().isEmpty()) {
            fact(xml, "urn:xccdf:fact:asset:identifier:host_name", asset.hostname());
        }
        if (!asset.os().isEmpty()) {
            fact(xml, "urn:xccdf:fact:asset:identifier:os_name", asset.os());
        }
        xml.writeEndElement();

        int passed = 0;
        int judged = 0;
        for (ExportRow row : rows) {
            ruleResult(xml, row);
            if (row.verdict() == Verdict.PASS || row.verdict() == Verdict.FAIL) {
                judged++;
                passed += row.verdict() == Verdict.PASS ? 1 : 0;
            }
        }
        xml.writeStartElement(XCCDF, "score");
        xml.writeAttribute("system", "urn:xccdf:scoring:flat");
        xml.writeAttribute("maximum", Integer.toString(judged));
        xml.writeCharacters(Integer.toString(passed));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void ruleResult(XMLStreamWriter xml, ExportRow row) throws XMLStreamException {
        xml.writeStartElement(XCCDF, "rule-result");
        xml.writeAttribute("idref", ruleId(row.check().id()));
        xml.writeAttribute("time", row.evaluatedAt().toString());
        xml.writeAttribute("severity", severity(row));
        xml.writeAttribute("version", Integer.toString(row.check().version()));
        xml.writeAttribute("weight", "1.0");
        element(xml, XCCDF, "result", result(row.verdict()));
        if (row.excepted()) {
            message(xml, "info", "Excepted by an approved exception: " + row.exceptionReason());
        }
        if (!row.reason().isEmpty()) {
            message(xml, row.verdict() == Verdict.ERROR ? "error" : "info", row.reason());
        }
        for (Evidence evidence : row.evidence()) {
            message(xml, "info", ExportRow.describe(evidence));
        }
        xml.writeEndElement();
    }

    static String result(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case NOT_APPLICABLE -> "notapplicable";
            case ERROR -> "error";
            case UNSUPPORTED -> "notchecked";
        };
    }

    private static String severity(ExportRow row) {
        return switch (row.check().severity()) {
            case CRITICAL -> "high";
            default -> row.check().severity().name().toLowerCase(Locale.ROOT);
        };
    }

    private static void message(XMLStreamWriter xml, String severity, String text) throws XMLStreamException {
        xml.writeStartElement(XCCDF, "message");
        xml.writeAttribute("severity", severity);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    private static void fact(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(XCCDF, "fact");
        xml.writeAttribute("name", name);
        xml.writeAttribute("type", "string");
        xml.writeCharacters(clean(value));
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String namespace, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(namespace, name);
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
    }

    /**
     * The address an agent reported, when it is an IP literal (anything else is left out of the
     * asset's connections, never resolved: the check keeps {@link InetAddress} from a DNS lookup).
     */
    static Optional<InetAddress> literal(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return parsed instanceof Inet6Address six && six.getScopeId() != 0
                    ? Optional.of(InetAddress.getByAddress(six.getAddress()))
                    : Optional.of(parsed);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String display(ExportRow.Asset asset) {
        return asset.hostname().isEmpty() ? asset.name() : asset.hostname();
    }

    private static String reportId(UUID asset) {
        return "xccdf-" + asset;
    }

    private static String assetRef(UUID asset) {
        return "asset-" + asset;
    }

    /**
     * Text without the characters XML 1.0 cannot carry at all (most control characters, lone
     * surrogates): evidence is whatever a host reported, and one stray byte would make the whole
     * document unreadable. Each is replaced by U+FFFD.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean allowed = cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            out.appendCodePoint(allowed ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
