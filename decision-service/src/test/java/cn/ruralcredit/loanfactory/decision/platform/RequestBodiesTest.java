package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies are read whole before a worker runs: a slow body holds no thread, a body too
 * large is a 413, a body that does not arrive in time a 408 (test profile: 5 s). Loopback only.
 */
@QuarkusTest
class RequestBodiesTest {
    private static final Logger LOG = Logger.getLogger(RequestBodiesTest.class);
    /** More than Quarkus' 200 worker threads: before the fix, these alone held every one of them. */
    private static final int SLOW_CLIENTS = 250;
    private static final int DECISION_LIMIT = 64 * 1024;

    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Sends the headers of a decision whose body will be {@code length} bytes long, and its first byte. */
    private static Socket startDecision(int length) throws IOException {
        Socket socket = open();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + Auth.DEMO_CHANNEL_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        return in.readLine();
    }

    /** The API example with a field {@code padding} making it {@code size} bytes of UTF-8. */
    private static byte[] padded(int size) {
        String request = Requests.apiExample().toString();
        String open = request.substring(0, request.length() - 1) + ",\"padding\":\"";
        int fill = size - open.getBytes(StandardCharsets.UTF_8).length - 2;
        byte[] body = (open + "x".repeat(fill) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(size, body.length);
        return body;
    }

    @Test
    void shouldKeepDecidingWhileManyClientsSendTheirBodiesSlowly() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) slow.add(startDecision(1000));
            long started = System.nanoTime();
            Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().toString())
                    .when().post("/api/v1/decisions").then().statusCode(200);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // the slow clients are still sending: none has had an answer (their 408 comes at 5 s)
            for (Socket s : slow) assertEquals(0, s.getInputStream().available(), "a slow client was answered already");
            LOG.infof("a decision beside %d slow bodies answered in %d ms", SLOW_CLIENTS, millis);
            assertTrue(millis < 4_000, "a decision beside " + SLOW_CLIENTS + " slow bodies took " + millis + " ms");
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void shouldAnswer408AndCloseWhenABodyDoesNotArriveInTime() throws Exception {
        try (Socket socket = startDecision(100)) {
            long started = System.nanoTime();
            String status = statusLine(socket);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("HTTP/1.1 408 Request Timeout", status);
            assertTrue(millis >= 4_000 && millis < 15_000, "408 after " + millis + " ms");
        }
    }

    @Test
    void shouldRefuseADecisionBodyOverItsLimitWith413() {
        Auth.channel().contentType(ContentType.JSON).body(padded(DECISION_LIMIT + 1))
                .when().post("/api/v1/decisions").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", equalTo("Content Too Large"))
                .body("errors[0].field", equalTo("$"))
                .body("detail", containsString("65536 bytes"));
        Auth.channel().contentType(ContentType.JSON).body(padded(DECISION_LIMIT + 1))
                .when().post("/api/v1/offers").then().statusCode(413);
    }

    @Test
    void shouldReadABodyOfExactlyTheLimitWhole() {
        // read whole, parsed, and refused for what it holds: a string longer than any request needs
        Auth.channel().contentType(ContentType.JSON).body(padded(DECISION_LIMIT))
                .when().post("/api/v1/decisions").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("padding"))
                .body("errors[0].message", equalTo("must be at most 1000 characters"));
    }

    @Test
    void shouldRefuseLongStringsAnywhereInADecisionRequestAndNameThem() {
        Auth.channel().contentType(ContentType.JSON)
                .body(Requests.apiExample().set("application.note", "x".repeat(1001)).set("extra", java.util.List.of("ok", "y".repeat(5000))).toString())
                .when().post("/api/v1/decisions").then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("application.note", "extra[1]"));
        Auth.channel().contentType(ContentType.JSON)
                .body(Requests.apiExample().set("application.note", "x".repeat(1000)).toString())
                .when().post("/api/v1/decisions").then()
                .statusCode(200);
    }

    @Test
    void shouldRefuseDeeplyNestedJsonWithA400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Auth.channel().contentType(ContentType.JSON)
                .body(Requests.apiExample().toString().replaceFirst("\\{", "{\"nested\":" + deep + ","))
                .when().post("/api/v1/decisions").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("$"))
                .body("errors[0].message", equalTo("nests objects or arrays deeper than 16 levels"));
        Auth.channel().contentType(ContentType.JSON).body("{\"a\":" + "{\"a\":".repeat(20) + "1" + "}".repeat(21))
                .when().post("/api/v1/offers").then()
                .statusCode(400)
                .body("errors[0].message", equalTo("nests objects or arrays deeper than 16 levels"));
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWithoutWaitingForItsEnd() throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + Auth.DEMO_CHANNEL_KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine(socket));
        }
    }

    @Test
    void shouldAcceptALargerBodyWhereTheOperationNeedsIt() {
        // a draft's rule set files are larger than a decision; 100 KB is well under the general 1 MiB
        // (read, parsed and refused for what it says, not for its size)
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body("{\"note\":\"" + "x".repeat(100_000) + "\"}")
                .when().post("/api/v1/products/NO_SUCH_PRODUCT/versions").then()
                .statusCode(400)
                .body("title", equalTo("Bad Request"));
    }
}
