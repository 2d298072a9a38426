/**
 * Import of Wazuh SCA policy files (4.x and 5.x forms) into the check model: rule strings become
 * probe rules, Wazuh's regular-expression dialects become Java regular expressions, compliance
 * keys become framework mappings, and whatever cannot run with Wazuh's meaning is reported by
 * line as unsupported. Pure parsing: no Spring, no database. See docs/compliance.md.
 */
package io.tenantra.compliance.content.wazuh;
