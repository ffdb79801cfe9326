package org.countersign.store.sqlite.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.countersign.api.storage.StorageException;

/**
 * The database file as this process owns it (docs/data-at-rest.md): created owner-only (SQLite gives its -wal and -shm
 * files the database file's permissions), in an owner-only folder, and locked so that a second server started
 * on the same file refuses to start instead of writing beside the first.
 */
final class DatabaseFile implements AutoCloseable {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final FileChannel channel;

    private DatabaseFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Prepares {@code file} and takes its lock; refuses with a clear message when another process holds it. */
    static DatabaseFile claim(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Path folder = absolute.getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                Files.createDirectories(folder, attributes(OWNER_FOLDER));
            }
            Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
            for (Path own : List.of(absolute, lockFile)) {
                if (!Files.exists(own)) {
                    Files.createFile(own, attributes(OWNER_FILE));
                }
            }
            // an older installation may have left them readable by others: tighten what is there
            for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
                Path existing = absolute.resolveSibling(absolute.getFileName() + suffix);
                if (POSIX && Files.exists(existing)) {
                    Files.setPosixFilePermissions(existing, OWNER_FILE);
                }
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            if (tryLock(channel) == null) {
                channel.close();
                throw new StorageException("The SQLite database " + absolute + " is in use by another Countersign "
                        + "process; one process owns a database", null);
            }
            return new DatabaseFile(channel);
        } catch (IOException e) {
            throw new StorageException("Cannot prepare the SQLite database " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
