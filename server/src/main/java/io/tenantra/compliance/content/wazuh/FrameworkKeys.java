package io.tenantra.compliance.content.wazuh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the compliance keys of Wazuh checks (4.x list form, 5.x map form, and the MITRE blocks) to
 * our framework ids, so an imported check lands on the same controls as built-in content. The
 * table is in docs/compliance.md; keys it does not know keep their own name, normalised, so that
 * nothing the author mapped is lost.
 */
final class FrameworkKeys {

    static final String MITRE = "mitre-attack";

    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("nist_800_53", "nist-800-53-r5"),
            Map.entry("nist_sp_800-53", "nist-800-53-r5"),
            Map.entry("nist_800_171", "nist-800-171"),
            Map.entry("nist_sp_800-171", "nist-800-171"),
            Map.entry("pci_dss_v4.0", "pci-dss-4.0"),
            Map.entry("pci_dss_4.0", "pci-dss-4.0"),
            Map.entry("pci_dss_v3.2.1", "pci-dss-3.2.1"),
            Map.entry("pci_dss_3.2.1", "pci-dss-3.2.1"),
            Map.entry("iso_27001-2013", "iso-27001-2013"),
            Map.entry("iso_27001_2013", "iso-27001-2013"),
            Map.entry("iso_27001-2022", "iso-27001-2022"),
            Map.entry("iso_27001_2022", "iso-27001-2022"),
            Map.entry("hipaa", "hipaa"),
            Map.entry("gdpr", "gdpr"),
            Map.entry("gdpr_iv", "gdpr"),
            Map.entry("tsc", "soc2-tsc"),
            Map.entry("soc_2", "soc2-tsc"),
            Map.entry("nis2", "nis2"),
            Map.entry("cmmc", "cmmc"),
            Map.entry("cmmc_v2.0", "cmmc"),
            Map.entry("fedramp", "fedramp"),
            Map.entry("cis_csc", "cis-controls"),
            Map.entry("cis_csc_v7", "cis-controls-v7"),
            Map.entry("cis_csc_v8", "cis-controls-v8"),
            Map.entry("mitre_tactics", MITRE),
            Map.entry("mitre_techniques", MITRE),
            Map.entry("mitre_mitigations", MITRE),
            Map.entry("mitre_tactic", MITRE),
            Map.entry("mitre_technique", MITRE),
            Map.entry("mitre_subtechnique", MITRE));

    /** ISO 27001:2013 Annex A controls have three numbers (A.12.1.1); 2022 ones two (A.8.23). */
    private static final Pattern ISO_2013 = Pattern.compile("(?i)^A\\.\\d+\\.\\d+\\.\\d+$");

    /** PCI DSS 4.0 has requirements four levels deep (8.3.6.1); 3.2.1 never goes past three. */
    private static final Pattern PCI_FOUR_LEVELS = Pattern.compile("^\\d+\\.\\d+\\.\\d+\\.\\d+$");

    private FrameworkKeys() {}

    /**
     * @param byKey compliance key to its values, in file order (several entries of one key merge)
     * @param policyId our id of the imported policy ({@code cis} values refer to its benchmark)
     */
    static Map<String, List<String>> frameworks(Map<String, List<String>> byKey, String policyId) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        byKey.forEach((key, values) -> {
            String normalisedKey = key.strip().toLowerCase(Locale.ROOT);
            for (String value : values) {
                String id = frameworkOf(normalisedKey, value, values, policyId);
                merged.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(value.strip());
            }
        });
        Map<String, List<String>> result = new LinkedHashMap<>();
        merged.forEach((id, controls) -> result.put(id, List.copyOf(new ArrayList<>(controls))));
        return result;
    }

    private static String frameworkOf(String key, String value, List<String> siblings, String policyId) {
        if (key.equals("cis")) {
            return "cis-" + policyId;
        }
        if (key.equals("iso_27001")) {
            return ISO_2013.matcher(value.strip()).matches() ? "iso-27001-2013" : "iso-27001-2022";
        }
        if (key.equals("pci_dss")) {
            boolean fourLevels = siblings.stream()
                    .anyMatch(v -> PCI_FOUR_LEVELS.matcher(v.strip()).matches());
            return fourLevels ? "pci-dss-4.0" : "pci-dss-3.2.1";
        }
        String fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        String own = key.replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return own.isEmpty() ? "unnamed" : own;
    }
}
