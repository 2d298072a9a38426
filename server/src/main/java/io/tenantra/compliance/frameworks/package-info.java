/**
 * Frameworks as data: their controls (id, title, family, weight) and which checks support each,
 * loaded from versioned YAML, with coverage (covered by checks, manual, uncovered).
 */
@org.springframework.modulith.NamedInterface("frameworks")
package io.tenantra.compliance.frameworks;
