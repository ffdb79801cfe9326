package org.countersign.notify.email.internal;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.Notification;
import org.countersign.api.notify.NotificationChannel;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/** Sends each delivery as one plain-text and HTML email over SMTP. */
@Component(service = NotificationChannel.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class EmailChannel implements NotificationChannel {

    static final String TYPE = "email";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final int MAX_ERROR_LENGTH = 300;

    private final EmailSettings settings;

    @Activate
    public EmailChannel(EmailConfiguration config) {
        this(EmailSettings.from(config));
    }

    EmailChannel(EmailSettings settings) {
        this.settings = settings;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<String> unavailable() {
        // the deliveries wait, attempts untouched, until the operator sets it and restarts
        return settings.configured() ? Optional.empty()
                : Optional.of("smtp.host is not set: emails wait until an SMTP server is configured");
    }

    @Override
    public void send(Delivery delivery) throws DeliveryException {
        if (!settings.configured()) {
            throw new DeliveryException("smtp.host is not set");
        }
        InternetAddress to = recipient(delivery.recipient());
        InternetAddress from = sender();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail and Activation look their providers up through the context class loader first; under
        // OSGi the caller's (the core's) cannot see the implementations embedded in this bundle
        thread.setContextClassLoader(EmailChannel.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties());
            MimeMessage message = message(session, delivery, from, to);
            transmit(session, message, to);
        } catch (MessagingException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            // e.g. a provider that could not be loaded: still a line in the delivery log, and retried
            throw retry("email channel failed: " + e.getClass().getSimpleName() + ": " + clean(e.getMessage()), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static InternetAddress recipient(String address) throws DeliveryException {
        if (address == null || address.isBlank()) {
            throw DeliveryException.permanent("no recipient address");
        }
        try {
            // strict: a typo will not become deliverable by retrying
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            if (parsed.isGroup()) {
                throw new AddressException("a group, not one address");
            }
            return parsed;
        } catch (AddressException e) {
            throw DeliveryException.permanent("invalid recipient address '" + shorten(address) + "'");
        }
    }

    private InternetAddress sender() throws DeliveryException {
        try {
            InternetAddress parsed = new InternetAddress(settings.from(), true);
            parsed.validate();
            // re-encode the display name so a non-ASCII one is written as an encoded word
            return parsed.getPersonal() == null ? parsed
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
        } catch (AddressException | UnsupportedEncodingException e) {
            // a configuration error: retried, so the deliveries resume once the operator fixes it
            throw new DeliveryException("smtp.from is not a valid address", false, null);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        String timeout = Long.toString(settings.timeoutMs());
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticated()));
        if (settings.starttls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            // never fall back to plain text when the server does not offer STARTTLS
            p.setProperty("mail.smtp.starttls.required", "true");
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    private static MimeMessage message(Session session, Delivery delivery, InternetAddress from, InternetAddress to)
            throws MessagingException {
        Notification n = delivery.notification();
        EmailContent content = EmailContent.of(n);
        MimeMessage message = new StableIdMessage(session, messageId(delivery.id()));
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(content.subject(), UTF_8);
        message.setSentDate(new Date());
        message.setHeader("X-Countersign-Event", EmailContent.oneLine(n.eventId()));
        message.setHeader("X-Countersign-Event-Type", EmailContent.oneLine(n.type()));
        // RFC 3834: keeps vacation responders from answering a machine
        message.setHeader("Auto-Submitted", "auto-generated");

        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), UTF_8, "html");
        // the richest part goes last: clients show the last alternative they can render
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** The same on every attempt of a delivery, so mail clients can drop a duplicate after a retry. */
    static String messageId(String deliveryId) {
        // only atext characters are safe in the id's left part
        String local = deliveryId == null ? "" : deliveryId.replaceAll("[^A-Za-z0-9._+=-]", "_");
        return "<" + (local.isEmpty() ? "delivery" : local) + "@countersign>";
    }

    private void transmit(Session session, MimeMessage message, InternetAddress to) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            if (settings.authenticated()) {
                transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, new Address[] {to});
        }
    }

    /** Turns a Jakarta Mail failure into a short delivery-log line; permanent only for a refused recipient. */
    DeliveryException failure(MessagingException e) {
        SMTPAddressFailedException refused = find(e, SMTPAddressFailedException.class);
        if (refused != null) {
            int code = refused.getReturnCode();
            boolean permanent = code >= 500 && code <= 599;
            return new DeliveryException((permanent ? "recipient refused: " : "recipient temporarily refused: ")
                    + clean(refused.getMessage()), permanent, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return retry("SMTP server " + settings.server() + " refused the login of " + settings.user() + ": "
                    + clean(e.getMessage()), e);
        }
        if (e instanceof SMTPSendFailedException s) {
            return retry("SMTP server " + settings.server() + " rejected the message: " + clean(s.getMessage()), e);
        }
        if (find(e, ConnectException.class) != null) {
            return retry("SMTP server " + settings.server() + " refused the connection", e);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return retry("SMTP server " + settings.server() + " did not answer within " + settings.timeoutMs()
                    + " ms", e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return retry("unknown SMTP host " + settings.host(), e);
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return retry("TLS with SMTP server " + settings.server() + " failed: " + clean(tls.getMessage()), e);
        }
        return retry("SMTP error with " + settings.server() + ": " + clean(e.getMessage()), e);
    }

    private static DeliveryException retry(String message, Throwable cause) {
        return new DeliveryException(message, false, cause);
    }

    /** The first throwable of {@code type} along the cause and next-exception chains. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (int depth = 0; e != null && depth < 20; depth++) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            Throwable next = e instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException() : e.getCause();
            e = next == e ? null : next;
        }
        return null;
    }

    /** One line, bounded, and never the password (in case a server echoes what it was sent). */
    private String clean(String message) {
        String s = message == null ? "" : EmailContent.oneLine(message);
        String password = settings.password();
        if (password != null && !password.isEmpty()) {
            s = s.replace(password, "***");
        }
        return shorten(s);
    }

    private static String shorten(String s) {
        String line = EmailContent.oneLine(s);
        return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH) + "...";
    }

    /** Jakarta Mail replaces the Message-ID on every save; this keeps the one derived from the delivery. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
