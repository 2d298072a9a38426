package io.tenantra.agent.modules.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}: one socket per line,
 * addresses as hex in host byte order (little-endian 32-bit words on every Linux the agent runs
 * on), ports as big-endian hex.
 */
final class ProcNet {

    static final String TCP_LISTEN = "0A";
    static final String UDP_UNCONNECTED = "07";

    record Socket(String protocol, String address, int port, String state, long uid, long inode, boolean remoteUnset) {}

    private ProcNet() {}

    static List<Socket> parse(String protocol, List<String> lines, List<String> malformed) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("sl")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                String[] local = f[1].split(":");
                String[] remote = f[2].split(":");
                sockets.add(new Socket(
                        protocol,
                        decodeAddress(local[0]),
                        Integer.parseInt(local[1], 16),
                        f[3].toUpperCase(java.util.Locale.ROOT),
                        Long.parseLong(f[7]),
                        Long.parseLong(f[9]),
                        Integer.parseInt(remote[1], 16) == 0 && remote[0].matches("0+")));
            } catch (RuntimeException e) {
                malformed.add(protocol + " line " + (i + 1));
            }
        }
        return sockets;
    }

    /** Listening: TCP in LISTEN; UDP unconnected (what {@code ss -lu} shows). */
    static boolean listening(Socket s) {
        return s.protocol().startsWith("tcp")
                ? s.state().equals(TCP_LISTEN)
                : s.state().equals(UDP_UNCONNECTED) && s.remoteUnset();
    }

    static String decodeAddress(String hex) {
        if (hex.length() == 8) {
            byte[] b = words(hex);
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (hex.length() == 32) {
            return formatIpv6(words(hex));
        }
        throw new IllegalArgumentException("bad address length");
    }

    /** Each 8-hex-digit word is a little-endian 32-bit value; returns network-order bytes. */
    private static byte[] words(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int w = 0; w < hex.length() / 8; w++) {
            for (int b = 0; b < 4; b++) {
                int pos = w * 8 + (3 - b) * 2;
                out[w * 4 + b] = (byte) Integer.parseInt(hex.substring(pos, pos + 2), 16);
            }
        }
        return out;
    }

    /** RFC 5952 text: lower-case, longest zero run compressed, IPv4-mapped in dotted form. */
    static String formatIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        boolean mapped = groups[0] == 0
                && groups[1] == 0
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** all (wildcard), loopback or a specific address. */
    static String exposure(String address) {
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return "all";
        }
        if (address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.")) {
            return "loopback";
        }
        return "address";
    }
}
