package cn.ruralcredit.loanfactory.catalog.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who uses an embedded database's data directory: a file ({@code service.lock}) locked by the
 * service for as long as it runs, holding its pid and HTTP port. The operating system releases
 * the lock when the process ends however it ends (kill -9 included), so a lock that can be taken
 * means that no live service uses the data, and a MariaDB server still running on it was left
 * behind; a lock that cannot be taken names the service that holds it, and nothing is touched.
 */
public final class DataDirLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code file} for this process, recording its pid and {@code servicePort}
     * (0 when there is none, as in tests).
     *
     * @throws DataDirInUseException when a live process holds it: the data directory is in use
     */
    public static DataDirLock acquire(Path file, int servicePort) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another start in the same JVM)
            }
            if (lock == null) {
                channel.close();
                throw new DataDirInUseException(file, holder(file));
            }
            String record = "pid=" + ProcessHandle.current().pid() + "\nport=" + servicePort + "\nsince=" + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataDirLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The pid, port and start time the holder wrote (empty values if it has not written them yet). */
    static Map<String, String> holder(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.indexOf('=') > 0)
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
        } catch (IOException e) {
            return Map.of();
        }
    }

    public Path file() {
        return file;
    }

    /** Releases the lock; the file stays, its content is only read while someone holds it. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel is closed next, which releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** A live service holds the data directory: a start must refuse and change nothing. */
    public static final class DataDirInUseException extends IllegalStateException {
        private final long pid;
        private final int port;

        DataDirInUseException(Path file, Map<String, String> holder) {
            super(message(file, holder));
            this.pid = parse(holder.get("pid"));
            this.port = (int) parse(holder.get("port"));
        }

        private static String message(Path file, Map<String, String> holder) {
            String who = holder.containsKey("pid")
                    ? "the decision service with pid " + holder.get("pid")
                    + ("0".equals(holder.get("port")) ? "" : " on port " + holder.get("port"))
                    + (holder.containsKey("since") ? " (running since " + holder.get("since") + ")" : "")
                    : "another process that is still starting";
            return "the data directory " + file.toAbsolutePath().getParent() + " is in use by " + who
                    + ": stop that service first, or give this one its own LOANFACTORY_DATA_DIR. Nothing was changed.";
        }

        private static long parse(String v) {
            try {
                return v == null ? -1 : Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** The holder's pid, -1 if unknown. */
        public long pid() {
            return pid;
        }

        /** The holder's HTTP port, 0 for none, -1 if unknown. */
        public int port() {
            return port;
        }
    }
}
