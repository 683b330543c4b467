package cn.ruralcredit.loanfactory.decision.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the HTTP server listens ({@code quarkus.http.host}, {@code 127.0.0.1} unless configured):
 * said at start, and named by the warnings that depend on it (the demo credentials are public).
 * Serving other machines is a deliberate setting, {@code QUARKUS_HTTP_HOST=0.0.0.0} or the address
 * of one interface.
 */
@ApplicationScoped
public class ServiceAddress {
    private static final Logger LOG = Logger.getLogger(ServiceAddress.class);

    @ConfigProperty(name = "quarkus.http.host")
    String host;
    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void onStart(@Observes StartupEvent event) {
        LOG.info(describe(host, port));
    }

    /** {@code http://host:port}, as the server is bound. */
    public String url() {
        return url(host, port);
    }

    /** Whether only this machine can connect: a loopback address. */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }

    static String url(String host, int port) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The start-up line: where it listens and who can reach it. */
    static String describe(String host, int port) {
        return isLoopback(host)
                ? "HTTP on " + url(host, port) + ": this machine only (loopback). Set QUARKUS_HTTP_HOST=0.0.0.0, or the "
                + "address of one interface, to serve other machines."
                : "HTTP on " + url(host, port) + ": reachable from other machines (QUARKUS_HTTP_HOST=" + host + ").";
    }

    /** How far the demo credentials reach, for the demo-data warning. */
    public String reach() {
        return loopbackOnly() ? "on " + url() + " (this machine only)"
                : "on " + url() + ", reachable from other machines";
    }
}
