package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch benchmark (docs/benchmarks-batch.md), not part of ./test (its name does not end in
 * Test): {@code ./bench-batch [rows]}. Uploads a file of {@code bench.rows} households (default
 * 100,000), waits for every row to be decided and stored, and prints rows per second (upload
 * check, and deciding + storing), the peak heap while the job ran (sampled every 50 ms, and the
 * heap pools' peaks) and the rows stored.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class BatchBench {
    @Inject
    EntityManager em;

    @Test
    void bench() throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        if (QuarkusTransaction.requiringNew().call(() -> cn.ruralcredit.loanfactory.catalog.product.Product.findByCode("BENCH").isEmpty())) {
            TestCatalog.publishUnoffered("BENCH", SeedRuleSets.ruleSet("FUNONG"));
        }
        StringBuilder csv = new StringBuilder(String.join(",", Village.HEADER)).append("\r\n");
        for (Village.Household h : Village.households(rows, System.nanoTime())) csv.append(Village.csvLine(h.cells()));
        Path file = Files.createTempFile("bench", ".csv");
        Files.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
        csv = null;
        System.gc();
        AtomicLong peak = new AtomicLong();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try {
            long jvmCpu0 = jvmCpuNanos();
            long dbCpu0 = mariaDbCpuNanos();
            long t0 = System.nanoTime();
            Response started = BatchRatingTest.upload(file, "bench.csv", Map.of("productCode", "BENCH", "asOfDate",
                    Village.AS_OF.toString(), "newJob", "true"));
            started.then().statusCode(202);
            long t1 = System.nanoTime();
            String id = started.path("id");
            JsonPath done = Factory.awaitFinished(BatchRatingTest.OFFICER, "/api/v1/batches/" + id, Duration.ofMinutes(30));
            long t2 = System.nanoTime();
            long jvmCpu = jvmCpuNanos() - jvmCpu0;
            long dbCpu = mariaDbCpuNanos() - dbCpu0;
            sampler.interrupt();
            assertEquals("DONE", done.getString("status"));
            long stored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from decision where channel = 'BATCH' and request_id like ?1").setParameter(1, id + "-%")
                    .getSingleResult()).longValue());
            long poolPeaks = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) poolPeaks += pool.getPeakUsage().getUsed();
            }
            double upload = (t1 - t0) / 1e9;
            double run = (t2 - t1) / 1e9;
            System.out.printf("%nBENCH batch: %d rows (%d MB CSV), %d decisions stored%n", rows, Files.size(file) >> 20, stored);
            System.out.printf("BENCH upload (checksum, header, row count, stored in the catalog): %.1f s%n", upload);
            System.out.printf("BENCH deciding and storing: %.1f s = %.0f rows/s (job's own processing time: %s ms, rate %s rows/s)%n",
                    run, rows / run, done.getString("progress.ratePerSecond") == null ? "?" : Long.toString(Math.round(rows * 1000.0
                            / Double.parseDouble(done.getString("progress.ratePerSecond")))), done.getString("progress.ratePerSecond"));
            System.out.printf("BENCH end to end: %.1f s = %.0f rows/s%n", upload + run, rows / (upload + run));
            System.out.printf("BENCH heap: peak used %d MB (sampled every 50 ms), sum of heap pool peaks %d MB, max heap %d MB%n",
                    peak.get() >> 20, poolPeaks >> 20, Runtime.getRuntime().maxMemory() >> 20);
            double cpuPerRow = (jvmCpu + Math.max(0, dbCpu)) / 1e6 / rows;
            System.out.printf("BENCH CPU: service JVM %.1f s, MariaDB %.1f s = %.3f ms of CPU per row; on %d idle cores that is "
                            + "at most %.0f rows/s%n", jvmCpu / 1e9, dbCpu / 1e9, cpuPerRow, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() * 1000 / cpuPerRow);
            System.out.printf("BENCH load average at the end: %.1f on %d cores%n%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            assertEquals(rows, stored);
        } finally {
            sampler.interrupt();
            Files.deleteIfExists(file);
        }
    }

    /** CPU time of this whole JVM (the service, the test's polling, JIT and GC). */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the embedded mariadbd child process, from /proc (user + system, in clock ticks of 10 ms); -1 if not found. */
    private static long mariaDbCpuNanos() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false))
                .mapToLong(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                    } catch (Exception e) {
                        return 0;
                    }
                }).sum();
    }
}
