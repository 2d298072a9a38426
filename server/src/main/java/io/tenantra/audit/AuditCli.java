package io.tenantra.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code java -jar tenantra-server.jar audit verify <export.csv> [--key <keys.json | base64 key>]}:
 * checks an audit export without a server, a database or Spring. Exit status 0 when every chain
 * and checkpoint in the file holds, 1 when something is broken, 2 for a usage or file error.
 */
public final class AuditCli {

    public static final int VALID = 0;
    public static final int BROKEN = 1;
    public static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join(
            System.lineSeparator(),
            "Usage: java -jar tenantra-server.jar audit verify <export.csv> [--key <keys>]",
            "",
            "Checks an audit export (GET /api/v1/tenants/{tenantId}/audit-events/export, unfiltered):",
            "every event's hash, the links between events, the sequence, and every checkpoint.",
            "  --key <keys>  the JSON saved from GET /api/v1/audit/keys, a file holding a base64",
            "                X.509 Ed25519 public key, or that base64 key itself. Without it the",
            "                checkpoint signatures are NOT checked.",
            "Exit status: 0 valid, 1 broken, 2 usage or unreadable file.");

    private AuditCli() {}

    /** True when {@code args} ask for this tool ({@code audit ...}); the server starts otherwise. */
    public static boolean handles(String[] args) {
        return args.length > 0 && "audit".equals(args[0]);
    }

    /** Runs {@code audit <command> ...}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && "audit".equals(rest.get(0))) {
            rest.remove(0);
        }
        if (rest.isEmpty() || !"verify".equals(rest.get(0))) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        rest.remove(0);
        String file = null;
        String key = null;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if ("--key".equals(arg) && i + 1 < rest.size() && key == null) {
                key = rest.get(++i);
            } else if (arg.startsWith("--key=") && key == null) {
                key = arg.substring("--key=".length());
            } else if ("--help".equals(arg) || "-h".equals(arg)) {
                out.println(USAGE_TEXT);
                return USAGE;
            } else if (!arg.startsWith("--") && file == null) {
                file = arg;
            } else {
                err.println("Unexpected argument: " + arg);
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        if (file == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Map<String, PublicKey> keys;
        try {
            keys = key == null ? null : readKeys(key);
        } catch (IllegalArgumentException | IOException e) {
            err.println("Cannot use the key " + key + ": " + e.getMessage());
            return USAGE;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("No such file: " + file);
            return USAGE;
        }
        VerificationResult result;
        try {
            result = verify(path, keys);
        } catch (NotAnExport e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        report(result, out);
        return result.valid() ? VALID : BROKEN;
    }

    /** Verifies an export file; {@code keys} null means signatures are not checked. */
    static VerificationResult verify(Path file, Map<String, PublicKey> keys) throws IOException {
        ChainVerifier verifier = new ChainVerifier(keys == null ? null : keys::get);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            Csv.RecordReader reader = new Csv.RecordReader(in);
            List<String> header = reader.next();
            if (header != null
                    && !header.isEmpty()
                    && header.get(0) != null
                    && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1)); // a byte order mark added by an editor
            }
            if (!ExportCsv.HEADER.equals(header)) {
                throw new NotAnExport(
                        file + " is not a Tenantra audit export (its first line is not the export header)");
            }
            while (!verifier.done()) {
                long line = reader.line();
                List<String> row;
                try {
                    row = reader.next();
                } catch (CharacterCodingException e) {
                    verifier.malformed(null, null, "line " + line + " is not valid UTF-8");
                    break;
                }
                if (row == null) {
                    break;
                }
                if (row.size() == 1 && row.get(0) == null) {
                    continue; // a blank line, e.g. at the end of the file
                }
                Object record;
                try {
                    record = ExportCsv.parse(row);
                } catch (RuntimeException e) {
                    verifier.malformed(tenantOf(row), seqOf(row), "line " + line + ": " + e.getMessage());
                    break;
                }
                if (record instanceof ChainEvent event) {
                    verifier.event(event);
                } else {
                    verifier.checkpoint((ChainCheckpoint) record);
                }
            }
        } catch (IOException e) {
            if (e instanceof CharacterCodingException) {
                verifier.malformed(null, null, "the file is not valid UTF-8");
                return verifier.result();
            }
            if (e instanceof Csv.MalformedCsvException) {
                verifier.malformed(null, null, e.getMessage());
                return verifier.result();
            }
            throw e;
        }
        return verifier.result();
    }

    /**
     * Public keys by kid from: the JSON document of {@code /api/v1/audit/keys} (a file), a file
     * holding one base64 key, or a base64 key given directly.
     */
    static Map<String, PublicKey> readKeys(String argument) throws IOException {
        Path path = Path.of(argument.length() > 4096 ? "." : argument);
        String text = argument.length() <= 4096 && Files.isRegularFile(path)
                ? Files.readString(path, StandardCharsets.UTF_8).trim()
                : argument.trim();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (text.startsWith("{")) {
            Object document = CanonicalJson.parse(text);
            if (!(document instanceof Map<?, ?> map) || !(map.get("keys") instanceof List<?> list)) {
                throw new IllegalArgumentException("the JSON has no \"keys\" list");
            }
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> k
                        && k.get("kid") instanceof String kid
                        && k.get("publicKey") instanceof String publicKey) {
                    keys.put(kid, Ed25519Keys.decode(publicKey));
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the JSON lists no key");
            }
            return keys;
        }
        PublicKey key = Ed25519Keys.decode(text);
        keys.put(Ed25519Keys.kidOf(key), key);
        return keys;
    }

    private static void report(VerificationResult result, PrintStream out) {
        if (result.valid()) {
            out.println("VALID: " + result.eventsChecked() + " event(s) and " + result.checkpointsChecked()
                    + " checkpoint(s) verified.");
            if (!result.signaturesChecked()) {
                out.println("WARNING: checkpoint signatures were NOT checked (no --key given); a rewritten"
                        + " file with recomputed hashes would also pass. Pass --key with the published keys.");
            }
            return;
        }
        out.println("BROKEN: " + result.problem()
                + (result.firstBrokenSeq() == null ? "" : " at seq " + result.firstBrokenSeq())
                + (result.tenantId() == null ? "" : " of tenant " + result.tenantId()));
        out.println("  " + result.detail());
        out.println("  " + result.eventsChecked() + " event(s) and " + result.checkpointsChecked()
                + " checkpoint(s) verified before the problem.");
    }

    /** The file is something else altogether: a usage error, not a broken trail. */
    static final class NotAnExport extends IOException {
        NotAnExport(String message) {
            super(message);
        }
    }

    private static UUID tenantOf(List<String> row) {
        try {
            return row.size() > 1 && row.get(1) != null ? UUID.fromString(row.get(1)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long seqOf(List<String> row) {
        try {
            return row.size() > 2 && row.get(2) != null ? Long.parseLong(row.get(2)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
