package cn.ruralcredit.loanfactory.rules.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one rule set version: DRL files by path (e.g. {@code FUNONG/grading.drl}).
 * Its sha256 identifies the content: the files in path order, each as its UTF-8 path, a NUL
 * byte, its UTF-8 text and a NUL byte.
 */
public record RuleSetSource(Map<String, String> files) {

    public RuleSetSource {
        if (files.isEmpty()) throw new IllegalArgumentException("a rule set needs at least one file");
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> f : files.entrySet()) {
                digest.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(f.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
