package cn.ruralcredit.loanfactory.rules.worker;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How rule workers are started and how long the service waits for them.
 *
 * @param classPath       the worker JVM's class path; {@link #defaultClassPath()} finds the service's own
 * @param maxHeapMb       the worker's heap: an exhausted heap ends the worker, not the service
 * @param processes       workers at most, each doing one thing at a time
 * @param maxFirings      the firing cap of one evaluation
 * @param maxDuration     the time cap of one evaluation
 * @param compileTimeout  how long a validation (parse, compile, guard) may take before the worker is killed
 */
public record WorkerSettings(String classPath, int maxHeapMb, int processes, int maxFirings, Duration maxDuration,
                             Duration compileTimeout) {
    /** How long past an evaluation's time cap the service waits before it kills a worker that has not answered. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(2);

    public WorkerSettings {
        Objects.requireNonNull(classPath, "classPath");
        if (maxHeapMb < 64) throw new IllegalArgumentException("a worker needs a heap of at least 64 MB: " + maxHeapMb);
        if (processes < 1) throw new IllegalArgumentException("at least one worker process: " + processes);
    }

    /**
     * The class path the service itself was started with: in a packaged service (Quarkus' fast-jar)
     * every library is under {@code quarkus-app/lib/main}, next to the jar of this class; otherwise
     * (tests, an IDE) the JVM's {@code java.class.path}.
     */
    public static String defaultClassPath() {
        try {
            var source = WorkerMain.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path jar = Path.of(source.getLocation().toURI());
                Path dir = jar.getParent();
                if (Files.isRegularFile(jar) && dir != null && dir.getFileName().toString().equals("main")
                        && dir.getParent() != null && dir.getParent().getFileName().toString().equals("lib")) {
                    return dir + "/*";
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the JVM's class path
        }
        return System.getProperty("java.class.path");
    }
}
