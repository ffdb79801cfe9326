package org.countersign.notify.email.internal;

import java.util.List;
import java.util.Locale;

import org.countersign.api.notify.Notification;

/** The subject and the plain-text and HTML bodies of one notification email. */
record EmailContent(String subject, String text, String html) {

    static EmailContent of(Notification n) {
        String workspace = firstNonBlank(n.workspaceName(), n.workspaceSlug(), "Countersign");
        String title = firstNonBlank(n.title(), n.type(), "");
        List<String> lines = n.text() == null || n.text().isBlank() ? List.of() : n.text().strip().lines().toList();
        String link = n.link() == null || n.link().isBlank() ? null : n.link().strip();
        // messages outside any workspace (an invite) are about the instance, not a request
        String footer = n.workspaceSlug() == null ? "Sent by Countersign."
                : "You receive this because you take part in this request in Countersign workspace " + workspace + ".";
        return new EmailContent(subject(workspace, title), text(title, lines, link, footer),
                html(title, lines, link, footer));
    }

    private static String subject(String workspace, String title) {
        // a line break in a header would end it, and let the rest pass for other headers
        return oneLine("[" + workspace + "] " + title);
    }

    private static String text(String title, List<String> lines, String link, String footer) {
        StringBuilder out = new StringBuilder(oneLine(title)).append("\n\n");
        if (!lines.isEmpty()) {
            out.append(String.join("\n", lines)).append("\n\n");
        }
        if (link != null) {
            out.append("Open the request: ").append(link).append("\n\n");
        }
        // "-- " is the signature separator, so mail clients can dim or fold the footer
        return out.append("-- \n").append(footer).append('\n').toString();
    }

    private static String html(String title, List<String> lines, String link, String footer) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>").append(escape(oneLine(title))).append("</title></head>\n")
                // inline styles only: most mail clients drop style sheets
                .append("<body style=\"margin:0;padding:24px;background:#ffffff;color:#1f2328;")
                .append("font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;")
                .append("line-height:1.5\">\n")
                .append("<h1 style=\"margin:0 0 16px;font-size:18px;font-weight:600\">")
                .append(escape(oneLine(title))).append("</h1>\n");
        if (!lines.isEmpty()) {
            out.append("<p style=\"margin:0 0 16px\">");
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? "" : "<br>\n").append(escape(lines.get(i)));
            }
            out.append("</p>\n");
        }
        if (link != null && !web(link)) {
            // a relative or non-web link cannot be opened from a mail client: show it, do not make it a button
            out.append("<p style=\"margin:0 0 16px\">Open the request: ").append(escape(link)).append("</p>\n");
        } else if (link != null) {
            out.append("<p style=\"margin:24px 0\"><a href=\"").append(escape(link)).append('"')
                    .append(" style=\"display:inline-block;padding:10px 18px;background:#1f6feb;color:#ffffff;")
                    .append("text-decoration:none;border-radius:6px;font-weight:600\">Open the request</a></p>\n");
        }
        return out.append("<p style=\"margin:32px 0 0;padding-top:12px;border-top:1px solid #d0d7de;")
                .append("color:#656d76;font-size:12px\">").append(escape(footer)).append("</p>\n")
                .append("</body></html>\n").toString();
    }

    private static boolean web(String link) {
        String lower = link.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Control characters (line breaks above all) become spaces. */
    static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
