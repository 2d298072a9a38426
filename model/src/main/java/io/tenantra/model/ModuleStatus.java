package io.tenantra.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a module run ended. */
public enum ModuleStatus {
    /** Everything the module looks at was read. */
    @JsonProperty("ok")
    OK,
    /** Some sources could not be read (permission denied, tool missing, limit hit); see messages. */
    @JsonProperty("partial")
    PARTIAL,
    /** The module failed; items may be empty. */
    @JsonProperty("error")
    ERROR,
    /** The module does not apply to this host (wrong OS, feature absent). */
    @JsonProperty("not_applicable")
    NOT_APPLICABLE
}
