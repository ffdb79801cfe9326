package org.countersign.http.internal.support;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key a client is throttled by: its IPv4 address, or the /64 network of its IPv6 address (one host
 * commonly holds a whole /64, so single IPv6 addresses would be free to rotate). Forwarding headers are
 * not trusted: anyone can send them.
 */
public final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        String address = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an IPv6 literal: parsed without any name lookup
            InetAddress inet = InetAddress.getByName(address);
            if (!(inet instanceof Inet6Address)) {
                return inet.getHostAddress();
            }
            byte[] bytes = inet.getAddress();
            Arrays.fill(bytes, IPV6_NETWORK_BYTES, bytes.length, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
