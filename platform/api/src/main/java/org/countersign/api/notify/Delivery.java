package org.countersign.api.notify;

/**
 * One attempt to send a notification on one channel to one target.
 *
 * @param id stable across retries (a webhook's {@code webhook-id}), so receivers can drop duplicates
 * @param attempt 1 for the first try
 * @param recipient the email address for the email channel, otherwise null
 * @param url the Slack or webhook URL from the workspace settings, otherwise null
 * @param secret the webhook signing secret, otherwise null
 */
public record Delivery(String id, String channel, int attempt, Notification notification, String recipient, String url,
        String secret) {

    @Override
    public String toString() {
        // never print the secret or the URL (Slack URLs are credentials)
        return "Delivery[" + id + " " + channel + " attempt " + attempt + " " + notification.type() + "]";
    }
}
