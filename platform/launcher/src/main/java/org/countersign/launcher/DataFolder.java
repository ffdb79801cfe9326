package org.countersign.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder (database, tokens, keys, framework cache): readable by the owner only, and used by one process
 * at a time. A second server started on the same folder would clean the framework cache and open the database
 * under the first one's feet, so it refuses to start instead.
 */
final class DataFolder {

    static final String LOCK_FILE = ".lock";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataFolder() {
    }

    /**
     * Creates the folder if needed, makes it owner-only and takes its lock for the life of this process.
     *
     * @throws IllegalStateException when another process holds the lock or the folder cannot be used
     */
    static FileLock claim(Path folder) {
        try {
            Files.createDirectories(folder);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY);
            }
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another Countersign process is already using " + folder
                        + "; stop it first, or give this one its own data.dir");
            }
            return lock;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use the data folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
