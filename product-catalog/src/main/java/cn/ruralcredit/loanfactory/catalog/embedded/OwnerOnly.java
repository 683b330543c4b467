package cn.ruralcredit.loanfactory.catalog.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Files and folders that only their owner may read: the embedded database's data directory
 * (0700: the data files hold every decision) and its secrets (0600). Created with those
 * permissions, never widened afterwards.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int SECRET_LENGTH = 32;

    private OwnerOnly() {
    }

    /** Creates {@code dir} if missing, and makes it the owner's alone. */
    static void directory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + dir + " to its owner", e);
        }
    }

    /** The secret kept in {@code file}; a new random one (0600) the first time. */
    static String secret(Path file) {
        try {
            if (!Files.exists(file)) {
                SecureRandom random = new SecureRandom();
                StringBuilder secret = new StringBuilder(SECRET_LENGTH);
                for (int i = 0; i < SECRET_LENGTH; i++) secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                try {
                    create(file, secret + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another start wrote it first: use that one
                }
            }
            Files.setPosixFilePermissions(file, FILE);
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!secret.matches("[A-Za-z0-9]{16,}")) throw new IllegalStateException(file + " does not hold a password");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** Writes {@code content} to {@code file}, readable by its owner only from the start. */
    static void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        create(file, content);
    }

    private static void create(Path file, String content) throws IOException {
        Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE)), content.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.WRITE);
    }
}
