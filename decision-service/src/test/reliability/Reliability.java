// The reliability checks of docs/reliability.md, run by ./reliability at the repository root (Java 17 source launcher, no
// dependencies). Every check starts its own service (production jar, embedded MariaDB) on 127.0.0.1
// with a data directory of its own under target/reliability/, puts channel load on it, breaks
// something, and checks what the channels saw and what the store kept. Loopback only; every check
// ends within its time budget.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class Reliability {
    static final String CHANNEL_KEY = "lf-demo-MOBILE_APP-0b7e4c2a9d";
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = ROOT.resolve("decision-service/target/quarkus-app/quarkus-run.jar");
    static final Path WORK = ROOT.resolve("target/reliability");
    static final int PORT = intEnv("PORT", 18090);
    static final int CLIENTS = intEnv("CLIENTS", 8);
    static final String TEMPLATE = read(ROOT.resolve("docs/tour/funong-api-example.json"));
    static final List<String> REPORT = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<String> checks = args.length == 0 || args[0].equals("all")
                ? List.of("db-kill", "service-kill", "disk-full", "soak") : List.of(args);
        Files.createDirectories(WORK);
        boolean ok = true;
        for (String check : checks) {
            say("=== " + check + " (" + Instant.now() + ")");
            boolean passed = switch (check) {
                case "max" -> maxThroughput();
                case "soak" -> soak();
                case "db-kill" -> dbKill();
                case "service-kill" -> serviceKill();
                case "disk-full" -> diskFull();
                default -> throw new IllegalArgumentException("unknown check " + check
                        + " (max, soak, db-kill, service-kill, disk-full, all)");
            };
            say("=== " + check + ": " + (passed ? "PASSED" : "FAILED"));
            ok &= passed;
        }
        Files.write(WORK.resolve("last-run.txt"), REPORT);
        System.out.println("(all output also in " + ROOT.relativize(WORK.resolve("last-run.txt")) + ")");
        System.exit(ok ? 0 : 1);
    }

    // ------------------------------------------------------------------ the checks

    /** 10 s of unpaced load from CLIENTS clients: the decisions per second the machine gives. */
    static boolean maxThroughput() throws Exception {
        try (Service service = Service.fresh("max")) {
            Load warm = Load.start(service, CLIENTS, 0);
            Thread.sleep(5_000);
            warm.stop();
            Load load = Load.start(service, CLIENTS, 0);
            Thread.sleep(10_000);
            load.stop();
            say(String.format("max: %d clients, %d requests in 10 s: %.0f decisions/s, statuses %s, p50 %d ms, p99 %d ms",
                    CLIENTS, load.answers.size(), load.answers.size() / 10.0, load.statuses(), load.percentileMs(50),
                    load.percentileMs(99)));
            return load.count(s -> s != 200) == 0;
        }
    }

    /**
     * The database killed (SIGKILL) mid-load and started again (same command line, as a supervisor
     * would): only 503s while it is gone, recovery within 2 s of its return, every failed request
     * retried with its requestId stored once, every 200 read back the same.
     */
    static boolean dbKill() throws Exception {
        int rate = intEnv("RATE", 60);
        try (Service service = Service.fresh("db-kill")) {
            Load load = Load.start(service, CLIENTS, rate);
            Thread.sleep(5_000);
            ProcessHandle db = service.database();
            List<String> command = commandOf(db);
            db.destroyForcibly();
            db.onExit().get(30, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();
            say("db-kill: mariadbd pid " + db.pid() + " killed");
            Thread.sleep(3_000);
            Process restarted = restartDatabase(command, service.home.resolveSibling("db-kill-mariadbd-restarted.log"));
            long restartedAt = System.nanoTime();
            say("db-kill: mariadbd started again, accepting connections after " + ms(restartedAt - killedAt) + " ms");
            Thread.sleep(7_000);
            load.stop();

            boolean ok = true;
            // a request sent while it was down may wait for a connection (up to the pool's acquisition
            // timeout) and be decided once it is back: only the answers given while it was down count
            List<Answer> whileDown = load.answers.stream().filter(a -> a.answeredAt > killedAt && a.answeredAt < restartedAt).toList();
            ok &= expect("while it was down only 503s were answered", whileDown.stream().allMatch(a -> a.status == 503),
                    "answers given while down: " + statuses(whileDown) + "; requests sent while down and decided after its return: "
                            + load.answers.stream().filter(a -> a.sentAt > killedAt && a.sentAt < restartedAt && a.status == 200).count());
            ok &= expect("nothing but 200 and 503 at all", load.count(s -> s != 200 && s != 503) == 0, "statuses " + load.statuses());
            ok &= expect("every 503 carries Retry-After", load.answers.stream().noneMatch(a -> a.status == 503 && a.retryAfter == null), "");
            long recovery = load.answers.stream().filter(a -> a.status == 200 && a.sentAt > restartedAt)
                    .mapToLong(a -> a.answeredAt).min().orElse(Long.MAX_VALUE) - restartedAt;
            ok &= expect("recovered within 2 s of the database's return", recovery < TimeUnit.SECONDS.toNanos(2),
                    "first 200 " + ms(recovery) + " ms after the database accepted connections");
            ok &= afterTheFault(service, load);
            service.stop();
            restarted.destroy(); // the server this check started again, if the service's stop left it
            restarted.waitFor(60, TimeUnit.SECONDS);
            return ok;
        }
    }

    /**
     * The service killed (SIGKILL) mid-load with a replay campaign running, and started again:
     * no 200 is missing, the failed requests retried are stored once, the job ends DONE, the log
     * verifies.
     */
    static boolean serviceKill() throws Exception {
        int rate = intEnv("RATE", 60);
        try (Service service = Service.fresh("service-kill")) {
            Load load = Load.start(service, CLIENTS, rate);
            Thread.sleep(8_000);
            String job = jsonString(service.post("/api/v1/replays", "{\"productCode\":\"FUNONG\"}", Service.AUDITOR).body(), "id");
            Thread.sleep(150);
            String before = service.get("/api/v1/replays/" + job, Service.AUDITOR).body();
            service.kill9();
            long killedAt = System.nanoTime();
            say("service-kill: service killed with replay campaign " + job + " at " + progress(before));
            service.startAgain();
            long upAgain = System.nanoTime();
            say("service-kill: service up again after " + ms(upAgain - killedAt) + " ms");
            Thread.sleep(5_000);
            load.stop();

            boolean ok = true;
            ok &= expect("no 5xx but while the service was down (connection refused there)",
                    load.answers.stream().noneMatch(a -> a.status >= 500 && (a.answeredAt < killedAt || a.sentAt > upAgain)),
                    "statuses " + load.statuses());
            String after = awaitJob(service, job, 120);
            ok &= expect("the replay campaign resumed and finished", after.contains("\"status\":\"DONE\""), progress(after));
            ok &= afterTheFault(service, load);
            return ok;
        }
    }

    /**
     * The database's disk full (its data directory on a tmpfs with a few MB left): 503s, no
     * half-written decision, recovery when space returns.
     */
    static boolean diskFull() throws Exception {
        int freeMb = intEnv("DISK_FREE_MB", 6);
        Path home = WORK.resolve("disk-full");
        try (Service service = Service.fresh("disk-full")) {
            service.stop();
            Path data = home.resolve("mariadb-data");
            Path copy = home.resolve("mariadb-data.copy");
            // what the data holds now, plus the 12 MB temporary tablespace InnoDB creates at every start
            long usedMb = du(data) / (1024 * 1024) + 12;
            run("mv", data.toString(), copy.toString());
            Files.createDirectories(data);
            if (run("mount", "-t", "tmpfs", "-o", "size=" + (usedMb + freeMb) + "m", "tmpfs", data.toString()) != 0) {
                run("rmdir", data.toString());
                run("mv", copy.toString(), data.toString());
                say("disk-full: NOT RUN: mounting a tmpfs needs root (mount -t tmpfs); run ./reliability disk-full as root");
                return false;
            }
            try {
                run("sh", "-c", "cp -a " + copy + "/. " + data + "/");
                say("disk-full: data directory on a tmpfs of " + (usedMb + freeMb) + " MB (" + freeMb + " MB free)");
                service.startAgain();
                Load load = Load.start(service, CLIENTS, 0);
                long full = waitFor(() -> load.answers.stream().filter(a -> a.status == 503).count() >= 20, 90);
                say("disk-full: " + (full < 0 ? "the disk never filled in 90 s" : "503s after " + ms(full) + " ms of load, "
                        + load.answers.size() + " requests"));
                Thread.sleep(3_000);
                run("mount", "-o", "remount,size=" + (usedMb + freeMb + 512) + "m", data.toString());
                long freedAt = System.nanoTime();
                say("disk-full: space given back (512 MB more)");
                Thread.sleep(8_000);
                load.stop();
                boolean ok = true;
                ok &= expect("the full disk was seen as 503s", full >= 0, "statuses " + load.statuses());
                ok &= expect("nothing but 200 and 503", load.count(s -> s != 200 && s != 503) == 0, "statuses " + load.statuses());
                long recovery = load.answers.stream().filter(a -> a.status == 200 && a.sentAt > freedAt)
                        .mapToLong(a -> a.answeredAt).min().orElse(Long.MAX_VALUE) - freedAt;
                ok &= expect("decisions again once space returned", recovery < TimeUnit.SECONDS.toNanos(5),
                        "first 200 " + ms(recovery) + " ms after the space came back");
                ok &= afterTheFault(service, load);
                service.stop();
                return ok;
            } finally {
                service.stop();
                run("umount", data.toString());
            }
        }
    }

    /**
     * A long run at a constant rate with a publish every 2 minutes and a replay campaign and a
     * simulation queued meanwhile: no failed request, stored = 200s, heap after GC and Metaspace
     * over time, the log intact at the end.
     */
    static boolean soak() throws Exception {
        Duration length = Duration.parse("PT" + Optional.ofNullable(System.getenv("SOAK_DURATION")).orElse("30M").toUpperCase());
        Duration every = Duration.parse("PT" + Optional.ofNullable(System.getenv("SOAK_PUBLISH_EVERY")).orElse("2M").toUpperCase());
        try (Service service = Service.fresh("soak")) {
            int rate = intEnv("RATE", 0);
            if (rate == 0) {
                Load probe = Load.start(service, CLIENTS, 0);
                Thread.sleep(10_000);
                probe.stop();
                rate = Math.max(1, (int) (probe.answers.size() / 10.0 / 3));
                say("soak: " + probe.answers.size() / 10 + " decisions/s at most (10 s, " + CLIENTS
                        + " clients, cold): the soak runs at a third, " + rate + "/s");
            }
            long storedBefore = service.storedDecisions();
            Load load = Load.start(service, CLIENTS, rate);
            long start = System.nanoTime();
            long end = start + length.toNanos();
            long nextPublish = start + every.toNanos();
            long nextSample = start;
            List<String> samples = new ArrayList<>();
            int publishes = 0;
            List<String> jobs = new ArrayList<>();
            int draft = service.newDraft("soak: simulated while deciding");
            boolean survived = true;
            while (System.nanoTime() < end) {
                if (!service.process.isAlive()) {
                    say("soak: the service exited (" + service.process.exitValue() + ") after "
                            + ms(System.nanoTime() - start) / 1000 + " s: see " + WORK.resolve("soak-service.log"));
                    survived = false;
                    break;
                }
                if (System.nanoTime() >= nextSample) {
                    samples.add(service.memorySample(ms(System.nanoTime() - start) / 1000));
                    say("soak: " + samples.get(samples.size() - 1) + ", " + load.answers.size() + " requests so far, statuses "
                            + load.statuses());
                    nextSample += Math.max(TimeUnit.SECONDS.toNanos(30), length.toNanos() / 20);
                }
                if (System.nanoTime() >= nextPublish) {
                    int v = service.publishCopyOfVersion1();
                    publishes++;
                    jobs.add("replay " + jsonString(service.post("/api/v1/replays", "{\"productCode\":\"FUNONG\"}",
                            Service.AUDITOR).body(), "id"));
                    jobs.add("simulation of v" + draft + " " + jsonString(service.post("/api/v1/products/FUNONG/versions/" + draft
                            + "/simulations", "{}", Service.MANAGER).body(), "id"));
                    say("soak: published FUNONG v" + v + "; queued a replay campaign and a simulation");
                    nextPublish += every.toNanos();
                }
                Thread.sleep(200);
            }
            load.stop();
            if (!survived) {
                say("soak: " + load.answers.size() + " requests until then, statuses " + load.statuses()
                        + "; memory after GC over time:\n    " + String.join("\n    ", samples));
                return false;
            }
            samples.add(service.memorySample(ms(System.nanoTime() - start) / 1000));
            long ok200 = load.count(s -> s == 200);
            long stored = service.storedDecisions() - storedBefore;
            boolean ok = true;
            say("soak: " + length + " at " + rate + "/s: " + load.answers.size() + " requests, statuses " + load.statuses()
                    + ", p50 " + load.percentileMs(50) + " ms, p99 " + load.percentileMs(99) + " ms, " + publishes + " publishes");
            say("soak: memory after GC over time:\n    " + String.join("\n    ", samples));
            ok &= expect("no failed request", load.count(s -> s != 200) == 0, "statuses " + load.statuses());
            ok &= expect("decisions stored = 200s returned", stored == ok200, stored + " stored, " + ok200 + " answered 200");
            ok &= expect("the log verifies intact", service.verifyLog(), "");
            return ok;
        }
    }

    /** After any fault: retry every failed request with its requestId, then check store and log. */
    static boolean afterTheFault(Service service, Load load) throws Exception {
        Map<String, String> answered = new LinkedHashMap<>();
        for (Answer a : load.answers) if (a.status == 200) answered.put(a.requestId, a.body);
        List<String> failed = load.answers.stream().filter(a -> a.status != 200).map(a -> a.requestId)
                .filter(id -> !answered.containsKey(id)).distinct().toList();
        int retriedOk = 0;
        for (String id : failed) {
            for (int attempt = 0; attempt < 40; attempt++) {
                HttpResponse<String> r = service.decide(id);
                if (r.statusCode() == 200) {
                    answered.put(id, r.body());
                    retriedOk++;
                    break;
                }
                Thread.sleep(250);
            }
        }
        int storedOnce = 0;
        List<String> notOnce = new ArrayList<>();
        int sameContent = 0;
        List<String> different = new ArrayList<>();
        for (var e : answered.entrySet()) {
            String page = service.get("/api/v1/decisions?channel=MOBILE_APP&requestId=" + URLEncoder.encode(e.getKey(),
                    StandardCharsets.UTF_8) + "&size=5", Service.AUDITOR).body();
            if (page.contains("\"totalItems\":1,")) storedOnce++;
            else notOnce.add(e.getKey());
            String id = jsonString(e.getValue(), "decisionId");
            String back = service.get("/api/v1/decisions/" + id, Service.CHANNEL).body();
            String answer = e.getValue();
            if (back.startsWith(answer.substring(0, answer.length() - 1) + ",\"request\":")) sameContent++;
            else different.add(id);
        }
        boolean ok = true;
        say(String.format("after the fault: %d requests, %d answered 200, %d failed and retried (%d then 200)",
                load.answers.size(), load.count(s -> s == 200), failed.size(), retriedOk));
        ok &= expect("every failed request, retried with its requestId, was decided", retriedOk == failed.size(),
                (failed.size() - retriedOk) + " never got a 200");
        ok &= expect("every requestId is stored exactly once", notOnce.isEmpty(),
                storedOnce + " of " + answered.size() + " once; not once: " + first(notOnce));
        ok &= expect("every 200 reads back with the same content", different.isEmpty(),
                sameContent + " of " + answered.size() + "; different: " + first(different));
        ok &= expect("the decision log verifies intact", service.verifyLog(), "");
        return ok;
    }

    // ------------------------------------------------------------------ the service under test

    static final class Service implements AutoCloseable {
        static final String CHANNEL = "channel";
        static final String AUDITOR = "auditor";
        static final String MANAGER = "manager";
        static final String APPROVER = "approver";
        final String name;
        final Path home;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Process process;

        /** Every service started, stopped by a shutdown hook if the checks are interrupted (timeout, Ctrl-C). */
        static final List<Service> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(s -> {
                try {
                    s.stop();
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            })));
        }

        private Service(String name) {
            this.name = name;
            this.home = WORK.resolve(name);
            STARTED.add(this);
        }

        /** A service on an empty data directory of its own, started and healthy. */
        static Service fresh(String name) throws Exception {
            Service s = new Service(name);
            if (Files.exists(s.home)) {
                run("sh", "-c", "umount " + s.home.resolve("mariadb-data") + " 2>/dev/null; true");
                try (Stream<Path> paths = Files.walk(s.home)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            s.startAgain();
            return s;
        }

        void startAgain() throws Exception {
            long started = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-jar", JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve(name + "-service.log").toFile()));
            pb.environment().put("PORT", Integer.toString(PORT));
            pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            pb.environment().put("LOANFACTORY_DATA_DIR", home.toString());
            process = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("the service exited with " + process.exitValue()
                        + ": see " + WORK.resolve(name + "-service.log"));
                try {
                    if (get("/q/health", null).statusCode() == 200) {
                        say(name + ": service pid " + process.pid() + " up on 127.0.0.1:" + PORT + " in " + ms(System.nanoTime() - started) + " ms");
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the service did not become healthy in 180 s");
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            if (process == null || !process.isAlive()) return;
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) kill9();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }

        ProcessHandle database() {
            String marker = "--datadir=" + home.resolve("mariadb-data");
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && c.contains(marker + " ")).isPresent())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no mariadbd on " + home));
        }

        HttpResponse<String> decide(String requestId) throws IOException, InterruptedException {
            return post("/api/v1/decisions", TEMPLATE.replaceFirst("\"requestId\":\\s*\"[^\"]*\"",
                    "\"requestId\": \"" + requestId + "\""), CHANNEL);
        }

        HttpResponse<String> post(String path, String body, String as) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), as);
        }

        HttpResponse<String> get(String path, String as) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).GET(), as);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String as) throws IOException, InterruptedException {
            request.timeout(Duration.ofSeconds(30));
            if (CHANNEL.equals(as)) request.header("X-Api-Key", CHANNEL_KEY);
            else if (as != null) request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((as + ":demo-" + as).getBytes(StandardCharsets.UTF_8)));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static URI uri(String path) {
            return URI.create("http://127.0.0.1:" + PORT + path);
        }

        boolean verifyLog() throws IOException, InterruptedException {
            String report = get("/api/v1/audit/verify", AUDITOR).body();
            say(name + ": verify: " + report);
            return report.contains("\"intact\":true");
        }

        long storedDecisions() throws IOException, InterruptedException {
            return jsonLong(get("/api/v1/decisions?channel=MOBILE_APP&size=1", AUDITOR).body(), "totalItems");
        }

        int newDraft(String note) throws IOException, InterruptedException {
            HttpResponse<String> r = post("/api/v1/products/FUNONG/versions",
                    "{\"copyFrom\":{\"version\":1},\"note\":\"" + note + "\"}", MANAGER);
            if (r.statusCode() != 201 && r.statusCode() != 200) throw new IllegalStateException("draft: " + r.statusCode() + " " + r.body());
            return (int) jsonLong(r.body(), "version");
        }

        /** A copy of FUNONG version 1 through the whole lifecycle, published from today. */
        int publishCopyOfVersion1() throws IOException, InterruptedException {
            int v = newDraft("soak publish");
            String base = "/api/v1/products/FUNONG/versions/" + v;
            expectOk(post(base + "/submit", "{}", MANAGER), "submit v" + v);
            expectOk(post(base + "/approve", "{\"comment\":\"soak\",\"acknowledgeNoSimulation\":true}", APPROVER), "approve v" + v);
            expectOk(post(base + "/publish", "{\"effectiveFrom\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai")) + "\"}", APPROVER),
                    "publish v" + v);
            return v;
        }

        private static void expectOk(HttpResponse<String> r, String what) {
            if (r.statusCode() / 100 != 2) throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }

        /** Heap used right after a full GC, Metaspace used, classes loaded: from jcmd and /q/metrics. */
        String memorySample(long seconds) throws Exception {
            run("jcmd", Long.toString(process.pid()), "GC.run");
            // /q/metrics needs the ADMIN role (issue 14): read it as the demo admin
            String metrics = get("/q/metrics", "admin").body();
            double heap = 0;
            double metaspace = 0;
            double classes = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) heap += value(line);
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("id=\"Metaspace\"")) metaspace += value(line);
                if (line.startsWith("jvm_classes_loaded_classes")) classes = value(line);
            }
            return String.format("t=%5ds heap after GC %6.1f MB, Metaspace %6.1f MB, classes %6.0f", seconds,
                    heap / 1048576, metaspace / 1048576, classes);
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }

    // ------------------------------------------------------------------ channel load

    record Answer(String requestId, int status, String retryAfter, String body, long sentAt, long answeredAt) {
    }

    static final class Load {
        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        static final AtomicLong COUNTER = new AtomicLong();
        static final String PREFIX = "rel-" + Long.toString(System.currentTimeMillis(), 36) + "-";

        /** {@code clients} threads, {@code rate} requests per second in all (0: as fast as answered). */
        static Load start(Service service, int clients, int rate) {
            Load load = new Load();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> load.loop(service, rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * clients / rate),
                        "client-" + i);
                t.setDaemon(true);
                load.threads.add(t);
                t.start();
            }
            return load;
        }

        private void loop(Service service, long intervalNanos) {
            long next = System.nanoTime();
            while (running.get()) {
                String id = PREFIX + COUNTER.incrementAndGet();
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> r = service.decide(id);
                    answers.add(new Answer(id, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(), sent,
                            System.nanoTime()));
                } catch (IOException e) {
                    answers.add(new Answer(id, -1, null, e.toString(), sent, System.nanoTime()));
                    sleep(1_000); // connection refused comes back at once: do not spin
                } catch (InterruptedException e) {
                    return;
                }
                if (intervalNanos > 0) {
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                    else next = System.nanoTime();
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join(60_000);
        }

        long count(java.util.function.IntPredicate status) {
            return answers.stream().filter(a -> status.test(a.status)).count();
        }

        Map<Integer, Long> statuses() {
            return Reliability.statuses(answers);
        }

        long percentileMs(int p) {
            List<Long> times = answers.stream().filter(a -> a.status == 200).map(a -> a.answeredAt - a.sentAt).sorted().toList();
            if (times.isEmpty()) return -1;
            return ms(times.get(Math.max(0, (int) Math.ceil(p / 100.0 * times.size()) - 1)));
        }
    }

    // ------------------------------------------------------------------ helpers

    static Map<Integer, Long> statuses(java.util.Collection<Answer> answers) {
        Map<Integer, Long> by = new TreeMap<>();
        for (Answer a : answers) by.merge(a.status, 1L, Long::sum);
        return by;
    }

    static List<String> commandOf(ProcessHandle p) {
        List<String> command = new ArrayList<>();
        command.add(p.info().command().orElseThrow());
        for (String arg : p.info().arguments().orElseThrow()) {
            if (!arg.startsWith("--init-file=")) command.add(arg); // a one-off start-up file, gone once it was up
        }
        return command;
    }

    /** Starts mariadbd again with {@code command}; returns once it accepts connections. */
    static Process restartDatabase(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int port = Integer.parseInt(command.stream().filter(a -> a.startsWith("--port=")).findFirst().orElseThrow().substring(7));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("mariadbd did not come back: see " + log);
    }

    static String awaitJob(Service service, String job, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String view = "";
        while (System.nanoTime() < deadline) {
            view = service.get("/api/v1/replays/" + job, Service.AUDITOR).body();
            if (view.contains("\"status\":\"DONE\"") || view.contains("\"status\":\"FAILED\"")) return view;
            Thread.sleep(500);
        }
        return view;
    }

    static String progress(String jobView) {
        Matcher m = Pattern.compile("\"status\":\"(\\w+)\".*?\"done\":(\\d+).*?\"total\":(\\d+)").matcher(jobView);
        return m.find() ? m.group(1) + " " + m.group(2) + "/" + m.group(3) : jobView;
    }

    /** Waits until {@code condition}; returns the nanoseconds it took, or -1 after {@code seconds}. */
    static long waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            if (condition.getAsBoolean()) return System.nanoTime() - start;
            Thread.sleep(100);
        }
        return -1;
    }

    static boolean expect(String what, boolean holds, String detail) {
        say("  " + (holds ? "ok    " : "FAILED") + " " + what + (detail.isEmpty() ? "" : ": " + detail));
        return holds;
    }

    static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + field + " in " + json);
        return m.group(1);
    }

    static long jsonLong(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + field + " in " + json);
        return Long.parseLong(m.group(1));
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = p.waitFor();
        if (exit != 0 && !out.isEmpty()) say("  (" + String.join(" ", command) + ": " + out + ")");
        return exit;
    }

    static long du(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String first(List<String> items) {
        return items.isEmpty() ? "none" : items.subList(0, Math.min(5, items.size())) + (items.size() > 5 ? "…" : "");
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int intEnv(String name, int defaultValue) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? defaultValue : Integer.parseInt(v.trim());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static synchronized void say(String line) {
        System.out.println(line);
        REPORT.add(line);
    }
}
