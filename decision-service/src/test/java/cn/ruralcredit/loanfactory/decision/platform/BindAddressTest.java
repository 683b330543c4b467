package cn.ruralcredit.loanfactory.decision.platform;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service listens on 127.0.0.1 unless configured otherwise: its public demo credentials must
 * not be usable from another machine by default. The address is said at start and named by the
 * demo-data warning.
 */
@QuarkusTest
class BindAddressTest {

    @TestHTTPResource("/q/health")
    URL health;
    @Inject
    ServiceAddress address;

    @Test
    void shouldListenOnLoopbackOnlyByDefault() throws IOException {
        assertTrue(address.loopbackOnly());
        assertTrue(address.url().startsWith("http://127.0.0.1:"), address.url());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", health.getPort()), 2_000);
        }
        // every other address of this machine refuses the connection (0.0.0.0 would accept it)
        for (InetAddress other : nonLoopbackAddresses()) {
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other, health.getPort()), 2_000);
                }
            }, "the service answers on " + other);
        }
    }

    @Test
    void shouldNameTheAddressAtStartAndInTheDemoDataWarning() {
        assertEquals("HTTP on http://127.0.0.1:8080: this machine only (loopback). Set QUARKUS_HTTP_HOST=0.0.0.0, or the "
                + "address of one interface, to serve other machines.", ServiceAddress.describe("127.0.0.1", 8080));
        assertEquals("HTTP on http://0.0.0.0:8080: reachable from other machines (QUARKUS_HTTP_HOST=0.0.0.0).",
                ServiceAddress.describe("0.0.0.0", 8080));
        assertTrue(address.reach().matches("on http://127\\.0\\.0\\.1:\\d+ \\(this machine only\\)"), address.reach());
        String warning = cn.ruralcredit.loanfactory.decision.security.DemoDataSeederWarning.of(address.reach());
        assertTrue(warning.startsWith("Demo credentials are active on http://127.0.0.1:"), warning);
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .toList();
    }
}
