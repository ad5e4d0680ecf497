package dev.runway.launcher.load;

import java.net.URI;

/**
 * Load goes only to this machine. Host names are not resolved (a resolver could answer anything): only
 * {@code localhost}, a literal 127.0.0.0/8 address or {@code [::1]} pass.
 */
public final class LoopbackGuard {
    private LoopbackGuard() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException naming the target when it is not on the loopback interface */
    public static URI requireLoopback(String what, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not a URL: " + url);
        }
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(what + " must be on the loopback interface (localhost, 127.0.0.0/8, [::1]),"
                    + " not " + uri.getHost());
        }
        return uri;
    }

    /** A JDBC URL's host, e.g. {@code jdbc:postgresql://127.0.0.1:15432/}. */
    public static void requireLoopbackJdbc(String what, String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException(what + ": not a JDBC URL: " + jdbcUrl);
        }
        requireLoopback(what, jdbcUrl.substring("jdbc:".length()));
    }
}
