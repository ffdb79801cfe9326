package org.countersign.api.notify;

import java.util.List;

/** One page of an inbox, newest first, with the number of unread notifications in the whole inbox. */
public record InboxPage(List<InboxNotification> items, String next, long unread) {

    public InboxPage {
        items = List.copyOf(items);
    }
}
