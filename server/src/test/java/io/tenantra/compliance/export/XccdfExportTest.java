package io.tenantra.compliance.export;

import static io.tenantra.compliance.export.ExportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * XCCDF 1.2 in an ARF collection: the structure SCAP tools read, checked with XPath on the parsed
 * document (namespaces, ids that follow XCCDF's id patterns, element order, results per verdict).
 */
class XccdfExportTest {

    private static final Map<String, String> NS = Map.of(
            "xccdf", XccdfExport.XCCDF,
            "arf", XccdfExport.ARF,
            "core", XccdfExport.CORE,
            "ai", XccdfExport.AI);

    private static Document parse(List<ExportRow> rows) throws Exception {
        StringWriter out = new StringWriter();
        XccdfExport.write(rows, AT, out);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NS.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xpath;
    }

    private static String text(Document doc, String expression) throws Exception {
        return xpath().evaluate(expression, doc);
    }

    private static int count(Document doc, String expression) throws Exception {
        return ((NodeList) xpath().evaluate(expression, doc, XPathConstants.NODESET)).getLength();
    }

    @Test
    void oneTestResultPerAssetInsideAnArfCollection() throws Exception {
        Document doc = parse(List.of(
                row(WEB, SSH, Verdict.PASS),
                row(WEB, AIDE, Verdict.FAIL),
                row(WEB, BANNER, Verdict.NOT_APPLICABLE),
                row(DB, SSH, Verdict.ERROR),
                row(DB, AIDE, Verdict.UNSUPPORTED),
                excepted(DB, BANNER)));

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("asset-report-collection");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(XccdfExport.ARF);
        assertThat(count(doc, "/arf:asset-report-collection/arf:reports/arf:report/arf:content/xccdf:TestResult"))
                .isEqualTo(2);
        assertThat(count(doc, "/arf:asset-report-collection/core:relationships/core:relationship"))
                .isEqualTo(2);
        String webReport = "//arf:report[@id=//core:relationship[core:ref='asset-" + WEB.id() + "']/@subject]";
        assertThat(count(doc, webReport)).isEqualTo(1);
        assertThat(text(doc, "//arf:asset[@id='asset-" + WEB.id() + "']/ai:computing-device/ai:hostname"))
                .isEqualTo("web-1.example.com");
        // Asset identification's schema takes IPv6 only in its full eight-group form.
        assertThat(text(doc, "//arf:asset[@id='asset-" + WEB.id() + "']//ai:ip-v6"))
                .isEqualTo("fd00:0:0:0:0:0:0:5");
        assertThat(text(doc, "//arf:asset[@id='asset-" + WEB.id() + "']//ai:ip-v4"))
                .isEqualTo("10.0.0.5");

        String web = webReport + "//xccdf:TestResult";
        assertThat(text(doc, web + "/@id"))
                .matches("xccdf_[^_]+_testresult_.+")
                .endsWith(WEB.id().toString());
        assertThat(text(doc, web + "/@end-time")).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(text(doc, web + "/xccdf:target")).isEqualTo("web-1.example.com");
        assertThat(text(doc, web + "/xccdf:target-address[1]")).isEqualTo("10.0.0.5");
        assertThat(text(doc, web + "/xccdf:identity/@authenticated")).isEqualTo("false");
        assertThat(text(doc, web + "/xccdf:target-facts/xccdf:fact[@name='urn:xccdf:fact:asset:identifier:host_name']"))
                .isEqualTo("web-1.example.com");
        String ssh = web + "/xccdf:rule-result[@idref='xccdf_io.tenantra_rule_tn-linux-ssh-root-login']";
        assertThat(text(doc, ssh + "/xccdf:result")).isEqualTo("pass");
        assertThat(text(doc, ssh + "/@severity")).isEqualTo("high");
        assertThat(text(doc, ssh + "/@version")).isEqualTo("2");
        assertThat(text(doc, web + "/xccdf:rule-result[@idref='xccdf_io.tenantra_rule_tn-linux-aide']/@severity"))
                .as("XCCDF has no critical")
                .isEqualTo("high");
        assertThat(text(doc, web + "/xccdf:rule-result[3]/xccdf:result")).isEqualTo("notapplicable");
        assertThat(text(doc, web + "/xccdf:score")).isEqualTo("1");
        assertThat(text(doc, web + "/xccdf:score/@maximum")).isEqualTo("2");
        assertThat(text(doc, web + "/xccdf:score/@system")).isEqualTo("urn:xccdf:scoring:flat");
        // The score comes after every rule-result, as the schema's sequence requires.
        assertThat(count(doc, web + "/xccdf:score/following-sibling::xccdf:rule-result"))
                .isZero();
        assertThat(count(doc, web + "/xccdf:target/following-sibling::xccdf:identity"))
                .isZero();

        String db = "//xccdf:TestResult[contains(@id, '" + DB.id() + "')]";
        assertThat(text(doc, db + "/xccdf:rule-result[1]/xccdf:result")).isEqualTo("error");
        assertThat(text(doc, db + "/xccdf:rule-result[1]/xccdf:message[1]/@severity"))
                .isEqualTo("error");
        assertThat(text(doc, db + "/xccdf:rule-result[2]/xccdf:result")).isEqualTo("notchecked");
        assertThat(text(doc, db + "/xccdf:rule-result[3]/xccdf:result")).isEqualTo("fail");
        assertThat(text(doc, db + "/xccdf:rule-result[3]/xccdf:message[1]"))
                .isEqualTo("Excepted by an approved exception: Accepted until the migration");
        assertThat(text(doc, db + "/xccdf:rule-result[3]/xccdf:message[3]")).contains("observed: yes; expected: no");
    }

    @Test
    void textAHostReportedCannotBreakTheDocument() throws Exception {
        ExportRow hostile = new ExportRow(
                WEB,
                SSH,
                Verdict.FAIL,
                false,
                "",
                "</xccdf:message><x>&amp; \u0001 \uD800",
                List.of(new Evidence("rule", false, "a\u0000b", "<no>", "k", SCAN, AT)),
                AT,
                SCAN);
        Document doc = parse(List.of(hostile));
        assertThat(text(doc, "//xccdf:rule-result/xccdf:message[1]"))
                .isEqualTo("</xccdf:message><x>&amp; \uFFFD \uFFFD");
        assertThat(text(doc, "//xccdf:rule-result/xccdf:message[2]")).contains("observed: a\uFFFDb; expected: <no>");
    }

    @Test
    void onlyIpLiteralsBecomeConnectionsAndNothingIsResolved() {
        assertThat(XccdfExport.literal("192.168.1.20")).isPresent();
        assertThat(XccdfExport.literal("fe80::1%eth0")).isEmpty();
        assertThat(XccdfExport.literal("fe80::1")).isPresent();
        assertThat(XccdfExport.literal("localhost")).isEmpty();
        assertThat(XccdfExport.literal("example.com")).isEmpty();
        assertThat(XccdfExport.literal(null)).isEmpty();
    }

    @Test
    void rowsOutOfAssetOrderAreRefused() {
        List<ExportRow> scattered =
                List.of(row(WEB, SSH, Verdict.PASS), row(DB, SSH, Verdict.PASS), row(WEB, AIDE, Verdict.PASS));
        assertThatThrownBy(() -> XccdfExport.write(scattered, AT, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouped by asset");
    }

    @Test
    void anEmptyExportIsStillAWellFormedCollection() throws Exception {
        Document doc = parse(List.of());
        assertThat(count(doc, "//xccdf:TestResult")).isZero();
        assertThat(count(doc, "/arf:asset-report-collection/arf:reports")).isEqualTo(1);
    }
}
