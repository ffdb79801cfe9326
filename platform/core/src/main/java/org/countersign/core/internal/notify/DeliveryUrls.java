package org.countersign.core.internal.notify;

import java.net.URI;
import java.net.URISyntaxException;

/** How the delivery log names a URL: a Slack webhook's path, a query token or user:password are credentials. */
final class DeliveryUrls {

    private DeliveryUrls() {
    }

    /** {@code scheme://host[:port]}, or null for something that is not a URL. */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** {@code text} with every occurrence of the URL (and its credentials) replaced by its origin. */
    static String scrub(String text, String url) {
        if (text == null || url == null || url.isEmpty()) {
            return text;
        }
        String masked = String.valueOf(origin(url));
        String scrubbed = text.replace(url, masked);
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                scrubbed = scrubbed.replace(uri.getRawUserInfo(), "***");
            }
        } catch (URISyntaxException e) {
            // nothing more to take out
        }
        return scrubbed;
    }
}
