package cn.ruralcredit.loanfactory.decision.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A channel app deciding without pause on its own thread while a test changes the catalog: every
 * answer is kept with the time its request was sent and the time it came back.
 */
public final class DecidingClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One decision call: status, the rule set it used, the limit, and when it was sent and answered (nanoTime). */
    public record Call(int status, String sha256, int version, long creditLimit, long sentAt, long answeredAt, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI decisions;
    private final Supplier<Requests> requests;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public DecidingClient(URI decisions, Supplier<Requests> requests) {
        this.decisions = decisions;
        this.requests = requests;
        this.thread = new Thread(this::loop, "deciding-client");
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(decisions)
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", Auth.DEMO_CHANNEL_KEY)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(requests.get().toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (response.statusCode() == 200) {
                    JsonNode d = JSON.readTree(response.body());
                    calls.add(new Call(200, d.path("ruleSet").path("sha256").asText(), d.path("ruleSet").path("version").asInt(),
                            d.path("creditLimit").asLong(), sent, answered, null));
                } else {
                    calls.add(new Call(response.statusCode(), null, 0, 0, sent, answered, response.body()));
                }
            } catch (Exception e) {
                calls.add(new Call(-1, null, 0, 0, sent, System.nanoTime(), e.toString()));
            }
        }
    }

    /** Waits until at least {@code n} more calls were answered. */
    public void awaitCalls(int n) throws InterruptedException {
        int target = calls.size() + n;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (calls.size() < target && System.nanoTime() < deadline) Thread.sleep(5);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(60).toMillis());
    }
}
