package org.countersign.notify.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.util.converter.Converters;

class EmailChannelTest {

    private static final String USER = "countersign";
    private static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@example.org", USER, PASSWORD));

    // --- the message -------------------------------------------------------------------------------------

    @Test
    void sendsOneMessageWithAddressesSubjectAndBothParts() throws Exception {
        channel().send(delivery("d-1", "alice@example.org", notification("Deploy payments v2 needs your approval",
                "Bob submitted a change to Payments.\nRisk: high — Zoë must approve.",
                "https://cs.example.org/w/ops/requests/42")));

        MimeMessage message = onlyMessage();
        assertThat(message.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("alice@example.org"));
        assertThat(message.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(message.getFrom()).containsExactly(new InternetAddress("Countersign <noreply@example.org>"));
        assertThat(message.getSubject()).isEqualTo("[Équipe Ops] Deploy payments v2 needs your approval");
        assertThat(message.getContentType()).startsWith("multipart/alternative");

        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType().toLowerCase(Locale.ROOT)).startsWith("text/plain").contains("utf-8");
        assertThat(html.getContentType().toLowerCase(Locale.ROOT)).startsWith("text/html").contains("utf-8");

        assertThat(body(text)).isEqualTo("""
                Deploy payments v2 needs your approval

                Bob submitted a change to Payments.
                Risk: high — Zoë must approve.

                Open the request: https://cs.example.org/w/ops/requests/42

                --\s
                You receive this because you take part in this request in Countersign workspace Équipe Ops.
                """);
        assertThat(body(html))
                .contains("<h1", "Deploy payments v2 needs your approval</h1>")
                .contains("Bob submitted a change to Payments.<br>\nRisk: high — Zoë must approve.")
                .contains("<a href=\"https://cs.example.org/w/ops/requests/42\"", ">Open the request</a>")
                .contains("You receive this because you take part in this request in Countersign workspace "
                        + "Équipe Ops.");
    }

    @Test
    void carriesTheEventHeadersAndAMessageIdFromTheDelivery() throws Exception {
        channel().send(delivery("d-1", "alice@example.org", notification("t", "x", null)));

        MimeMessage message = onlyMessage();
        assertThat(message.getHeader("X-Countersign-Event")).containsExactly("evt-123");
        assertThat(message.getHeader("X-Countersign-Event-Type")).containsExactly("request.submitted");
        assertThat(message.getHeader("Message-ID")).containsExactly("<d-1@countersign>");
    }

    @Test
    void keepsTheMessageIdAcrossRetriesOfOneDelivery() throws Exception {
        EmailChannel channel = channel();
        Notification n = notification("t", "x", null);
        channel.send(new Delivery("d-7", "email", 1, n, "alice@example.org", null, null));
        channel.send(new Delivery("d-7", "email", 2, n, "alice@example.org", null, null));
        channel.send(new Delivery("d-8", "email", 1, n, "alice@example.org", null, null));

        assertThat(smtp.waitForIncomingEmail(5000, 3)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(m -> m.getHeader("Message-ID")[0])
                .containsExactly("<d-7@countersign>", "<d-7@countersign>", "<d-8@countersign>");
    }

    @Test
    void escapesMarkupInTheHtmlPartOnly() throws Exception {
        channel().send(delivery("d-1", "alice@example.org",
                notification("<script>alert(1)</script> & co", "line <b>one</b>\n\"two\" <script>x()</script>",
                        "https://cs.example.org/r?a=1&b=\"2\"")));

        MimeMessage message = onlyMessage();
        MimeMultipart parts = (MimeMultipart) message.getContent();
        String text = body(parts.getBodyPart(0));
        String html = body(parts.getBodyPart(1));

        assertThat(message.getSubject()).isEqualTo("[Équipe Ops] <script>alert(1)</script> & co");
        assertThat(text).contains("<script>alert(1)</script> & co", "line <b>one</b>\n\"two\" <script>x()</script>");
        assertThat(html).doesNotContain("<script", "<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>")
                .contains("line &lt;b&gt;one&lt;/b&gt;<br>\n&quot;two&quot; &lt;script&gt;x()&lt;/script&gt;")
                .contains("href=\"https://cs.example.org/r?a=1&amp;b=&quot;2&quot;\"");
    }

    @Test
    void leavesTheLinkOutWhenThereIsNone() throws Exception {
        channel().send(delivery("d-1", "alice@example.org", notification("Request approved", "All set.", null)));

        MimeMultipart parts = (MimeMultipart) onlyMessage().getContent();
        assertThat(body(parts.getBodyPart(0))).doesNotContain("Open the request").contains("All set.");
        assertThat(body(parts.getBodyPart(1))).doesNotContain("<a ", "Open the request").contains("All set.");
    }

    @Test
    void keepsLineBreaksOutOfTheSubject() throws Exception {
        channel().send(delivery("d-1", "alice@example.org", notification("Hi\r\nBcc: eve@example.org", "x", null)));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Équipe Ops] Hi Bcc: eve@example.org");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(smtp.getReceivedMessagesForDomain("example.org")).hasSize(1);
    }

    // --- authentication and transport security ----------------------------------------------------------

    @Test
    void logsInWhenAUserIsConfigured() throws Exception {
        channel(USER, PASSWORD, false).send(delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(onlyMessage().getHeader("Message-ID")).containsExactly("<d-1@countersign>");
    }

    @Test
    void aWrongPasswordIsRetryableAndNeverEchoed() {
        String wrong = "not-the-Pa55word";
        DeliveryException e = failure(channel(USER, wrong, false),
                delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("SMTP server 127.0.0.1:" + port() + " refused the login of " + USER)
                .doesNotContain(wrong);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStarttlsNeverFallsBackToPlainText() {
        // the test server does not offer STARTTLS
        DeliveryException e = failure(channel(USER, PASSWORD, true),
                delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("STARTTLS").doesNotContain(PASSWORD);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // --- failures ---------------------------------------------------------------------------------------

    @Test
    void aServerThatIsNotListeningIsRetryable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        EmailChannel channel = new EmailChannel(
                new EmailSettings("127.0.0.1", closed, "noreply@example.org", null, null, false, 2000));

        DeliveryException e = failure(channel, delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("SMTP server 127.0.0.1:" + closed + " refused the connection");
    }

    @Test
    @Timeout(10)
    void aServerThatNeverAnswersTimesOutAndIsRetryable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepted by the kernel's backlog, but nothing is ever written back
            EmailChannel channel = new EmailChannel(new EmailSettings("127.0.0.1", silent.getLocalPort(),
                    "noreply@example.org", null, null, false, 300));
            Instant start = Instant.now();

            DeliveryException e = failure(channel, delivery("d-1", "alice@example.org", notification("t", "x", null)));

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).isEqualTo(
                    "SMTP server 127.0.0.1:" + silent.getLocalPort() + " did not answer within 300 ms");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void malformedAddressesArePermanentAndNeverSent() {
        for (String address : List.of("not an address", "alice@", "alice@example.org, eve@example.org", "  ",
                "group: a@example.org;")) {
            DeliveryException e = failure(channel(), delivery("d-1", address, notification("t", "x", null)));
            assertThat(e.permanent()).as(address).isTrue();
        }
        assertThat(failure(channel(), delivery("d-1", null, notification("t", "x", null))).permanent()).isTrue();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRecipientTheServerRefusesIsPermanent() throws Exception {
        try (ScriptedSmtp server = new ScriptedSmtp("550 5.1.1 <ghost@example.org>: user unknown")) {
            DeliveryException e = failure(server.channel(),
                    delivery("d-1", "ghost@example.org", notification("t", "x", null)));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).isEqualTo("recipient refused: 550 5.1.1 <ghost@example.org>: user unknown");
            assertThat(server.commands()).noneMatch(c -> c.equals("DATA"));
        }
    }

    @Test
    void aRecipientRefusedForNowIsRetryable() throws Exception {
        try (ScriptedSmtp server = new ScriptedSmtp("450 4.2.1 mailbox busy, try later")) {
            DeliveryException e = failure(server.channel(),
                    delivery("d-1", "busy@example.org", notification("t", "x", null)));

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("450 4.2.1 mailbox busy");
        }
    }

    @Test
    void aBlankHostIsARetryableConfigurationError() {
        EmailChannel channel = new EmailChannel(
                new EmailSettings("  ", 25, "noreply@example.org", null, null, false, 1000));

        DeliveryException e = failure(channel, delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("smtp.host is not set");
    }

    @Test
    void anInvalidSenderIsARetryableConfigurationError() {
        EmailChannel channel = new EmailChannel(
                new EmailSettings("127.0.0.1", port(), "no sender here", null, null, false, 1000));

        DeliveryException e = failure(channel, delivery("d-1", "alice@example.org", notification("t", "x", null)));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("smtp.from is not a valid address");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    // --- configuration ----------------------------------------------------------------------------------

    @Test
    void readsTheInstanceConfigurationWithDefaults() {
        EmailSettings defaults = EmailSettings.from(configuration(Map.of()));
        assertThat(defaults).isEqualTo(
                new EmailSettings(null, 25, "countersign@localhost", null, null, false, 10_000));

        EmailSettings set = EmailSettings.from(configuration(Map.of(
                "smtp.host", "mail.example.org", "smtp.port", 587, "smtp.from", "cs@example.org", "smtp.user", "cs",
                "smtp.password", PASSWORD, "smtp.starttls", true, "notify.timeout.ms", 2500)));
        assertThat(set).isEqualTo(
                new EmailSettings("mail.example.org", 587, "cs@example.org", "cs", PASSWORD, true, 2500));
        assertThat(set.toString()).doesNotContain(PASSWORD).contains("mail.example.org:587");
        assertThat(new EmailChannel(set).type()).isEqualTo("email");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** The channel's configuration as Declarative Services would hand it over. */
    private static EmailConfiguration configuration(Map<String, ?> values) {
        return Converters.standardConverter().convert(values).to(EmailConfiguration.class);
    }

    private static int port() {
        return smtp.getSmtp().getPort();
    }

    private static EmailChannel channel() {
        return channel(null, null, false);
    }

    private static EmailChannel channel(String user, String password, boolean starttls) {
        return new EmailChannel(new EmailSettings("127.0.0.1", port(), "Countersign <noreply@example.org>", user,
                password, starttls, 5000));
    }

    private static Notification notification(String title, String text, String link) {
        return new Notification("evt-123", "request.submitted", Instant.parse("2025-01-02T03:04:05Z"), "ops",
                "Équipe Ops", title, text, link, Map.of("requestId", "42"));
    }

    private static Delivery delivery(String id, String recipient, Notification n) {
        return new Delivery(id, "email", 1, n, recipient, null, null);
    }

    private static DeliveryException failure(EmailChannel channel, Delivery delivery) {
        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel.send(delivery));
        assertThat(e).as("send should have failed").isNotNull();
        return e;
    }

    private static MimeMessage onlyMessage() {
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /** The decoded text of a part, with the CRLFs of the wire turned back into line feeds. */
    private static String body(BodyPart part) throws Exception {
        return ((String) part.getContent()).replace("\r\n", "\n");
    }

    /** A one-connection SMTP server that answers RCPT TO with a fixed reply; enough to script refusals. */
    private static final class ScriptedSmtp implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private final List<String> commands = new CopyOnWriteArrayList<>();

        ScriptedSmtp(String rcptReply) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(rcptReply), "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        EmailChannel channel() {
            return new EmailChannel(new EmailSettings("127.0.0.1", socket.getLocalPort(), "noreply@example.org",
                    null, null, false, 5000));
        }

        List<String> commands() {
            return commands;
        }

        private void serve(String rcptReply) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, "220 scripted ESMTP");
                for (String line; (line = in.readLine()) != null;) {
                    commands.add(line);
                    String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 scripted");
                        case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                        case "RCPT" -> reply(out, rcptReply);
                        case "DATA" -> reply(out, "554 no valid recipients");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "502 5.5.1 unrecognized command");
                    }
                }
            } catch (IOException e) {
                // the test closed the socket
            }
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }
}
