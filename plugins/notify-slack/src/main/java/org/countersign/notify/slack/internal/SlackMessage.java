package org.countersign.notify.slack.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.countersign.api.notify.Notification;

/**
 * Renders a notification as a Slack incoming-webhook message: a plain {@code text} fallback (shown in push
 * notifications and by clients without blocks) and two blocks, a section with the title and text and a context
 * line naming the workspace and the event.
 */
final class SlackMessage {

    /** Slack rejects a section whose text is longer than this (400 invalid_blocks), which would never succeed. */
    static final int SECTION_LIMIT = 3000;
    /** Keeps a runaway title from eating the whole section. */
    private static final int TITLE_LIMIT = 500;
    private static final String ELLIPSIS = "…";

    private SlackMessage() {
    }

    static ObjectNode render(ObjectMapper mapper, Notification n) {
        String title = truncate(escape(n.title() == null || n.title().isBlank() ? n.type() : n.title().strip()),
                TITLE_LIMIT);
        String link = n.link() == null || n.link().isBlank() ? null : linkTarget(n.link().strip());

        String heading = link == null ? "*" + title + "*" : "*<" + link + "|" + title + ">*";
        StringBuilder section = new StringBuilder(heading);
        String text = n.text() == null ? "" : n.text().strip();
        if (!text.isEmpty()) {
            section.append('\n').append(truncate(escape(text), SECTION_LIMIT - heading.length() - 1));
        }

        String workspace = n.workspaceName() == null || n.workspaceName().isBlank() ? n.workspaceSlug()
                : n.workspaceName();
        String context = "Countersign · " + escape(workspace) + " · " + escape(n.type());

        ObjectNode message = mapper.createObjectNode();
        message.put("text", link == null ? title : title + " <" + link + "|Open request>");
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode sectionBlock = blocks.addObject().put("type", "section");
        sectionBlock.putObject("text").put("type", "mrkdwn").put("text", section.toString());
        ObjectNode contextBlock = blocks.addObject().put("type", "context");
        contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", context);
        return message;
    }

    /** Slack's control characters; everything else is sent as is (entity-encoding more would show up literally). */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A URL for {@code <url|label>}: escaped like text, and a literal '|' would end the URL early. */
    private static String linkTarget(String url) {
        return escape(url).replace("|", "%7C");
    }

    /** Cuts escaped text to {@code max} characters without splitting an entity or a surrogate pair. */
    static String truncate(String escaped, int max) {
        if (escaped.length() <= max) {
            return escaped;
        }
        if (max <= ELLIPSIS.length()) {
            return "";
        }
        int cut = max - ELLIPSIS.length();
        int amp = escaped.lastIndexOf('&', cut - 1);
        if (amp >= 0 && escaped.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(escaped.charAt(cut - 1))) {
            cut--;
        }
        return escaped.substring(0, cut) + ELLIPSIS;
    }
}
