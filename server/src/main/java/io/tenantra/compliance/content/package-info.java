/**
 * The check model shared by every source of content: built-in YAML, imported YAML in our own
 * format, imported Wazuh SCA policies. Parsers turn files into {@link io.tenantra.compliance.content.Policy}
 * values and report every problem with file, line and field; nothing here touches the database.
 */
@org.springframework.modulith.NamedInterface("content")
package io.tenantra.compliance.content;
