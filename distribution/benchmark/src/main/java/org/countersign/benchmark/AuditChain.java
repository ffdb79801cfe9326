package org.countersign.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The peers' tamper-evident audit trail, as Countersign keeps one: each event stores the hash of the previous one
 * and a SHA-256 over that hash and the event, appended in the transaction of the change it records. The head row
 * is read and moved in the same transaction, so concurrent appends line up one after another.
 */
final class AuditChain {

    static final String SCHEMA = "CREATE TABLE audit (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor VARCHAR(64),"
            + " action VARCHAR(64) NOT NULL, target VARCHAR(64), details VARCHAR(4000) NOT NULL,"
            + " prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL)";
    static final String HEAD = "CREATE TABLE audit_head (id INT PRIMARY KEY, seq BIGINT NOT NULL, hash CHAR(64) NOT NULL)";
    static final String FIRST_HEAD = "INSERT INTO audit_head VALUES (1, 0, '" + "0".repeat(64) + "')";

    private AuditChain() {
    }

    /** Appends one event; {@code lockHead} is the dialect's way to read the head for update. */
    static void append(Connection c, String lockHead, String actor, String action, String target, String details)
            throws SQLException {
        long seq;
        String previous;
        try (PreparedStatement head = c.prepareStatement(lockHead); ResultSet rs = head.executeQuery()) {
            rs.next();
            seq = rs.getLong(1) + 1;
            previous = rs.getString(2);
        }
        long at = System.currentTimeMillis();
        String hash = sha256(previous + "\n" + seq + "|" + at + "|" + actor + "|" + action + "|" + target + "|" + details);
        Sql.update(c, "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", seq, at, actor, action, target, details,
                previous, hash);
        Sql.update(c, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
