package org.countersign.api.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a Slack or webhook delivery may go (docs/architecture.md {@code webhook.deny.private}): link-local and
 * cloud-metadata addresses are always refused, so a workspace admin cannot read instance credentials through a webhook;
 * loopback and private networks are refused too when the operator sets {@code webhook.deny.private=true}.
 * Every address the host resolves to is checked.
 */
public final class OutboundUrls {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog",
            "metadata.azure.com", "instance-data", "instance-data.ec2.internal");
    // cloud metadata services outside the link-local ranges (AWS IPv6, Alibaba, Oracle's alternate)
    private static final Set<String> METADATA_ADDRESSES = Set.of("fd00:ec2:0:0:0:0:0:254", "100.100.100.200",
            "192.0.0.192");

    private OutboundUrls() {
    }

    /** Checks {@code url}; a refusal is permanent, since retrying cannot change the answer. */
    public static URI check(String url, boolean denyPrivate) throws DeliveryException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DeliveryException.permanent("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw DeliveryException.permanent("only http and https URLs with a host are allowed");
        }
        String refused = alwaysRefused(uri);
        if (refused != null) {
            throw DeliveryException.permanent(refused);
        }
        String host = host(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new DeliveryException("unknown host " + host, false, e);
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address, denyPrivate);
            if (refusal != null) {
                throw DeliveryException.permanent(host + " resolves to " + refusal);
            }
        }
        return uri;
    }

    /**
     * Why a URL is refused whatever the network says, or null: a cloud-metadata host name, or a literal link-local
     * or metadata address. Checked without DNS, so settings can refuse such a target as soon as it is written.
     */
    public static String alwaysRefused(URI uri) {
        String host = host(uri);
        if (METADATA_HOSTS.contains(host)) {
            return "cloud metadata hosts are never allowed";
        }
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            return null;
        }
        try {
            // a literal address: no lookup happens
            return refusal(InetAddress.getByName(host), false);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The host in lower case, without IPv6 brackets or a trailing dot. */
    private static String host(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Why {@code address} is refused, or null. */
    static String refusal(InetAddress address, boolean denyPrivate) {
        if (address.isLinkLocalAddress() || METADATA_ADDRESSES.contains(address.getHostAddress())) {
            return "a link-local or cloud-metadata address, which is never allowed";
        }
        if (denyPrivate && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || uniqueLocal(address) || sharedAddressSpace(address))) {
            return "a private address, refused because webhook.deny.private is true";
        }
        return null;
    }

    /** fc00::/7, the IPv6 private range. */
    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT. */
    private static boolean sharedAddressSpace(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
