/**
 * The one rule for text entering the server ({@link io.tenantra.platform.text.TextRules}) and the
 * places it is enforced by type: the JSON reader, request parameters, and length constraints
 * counted in code points.
 */
package io.tenantra.platform.text;
