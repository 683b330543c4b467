package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;
import cn.ruralcredit.loanfactory.catalog.security.ChannelKey;
import cn.ruralcredit.loanfactory.decision.platform.ServiceAddress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * With {@code loanfactory.demo-data.enabled} (the default), the first start creates one demo user
 * per role and a demo key for channel MOBILE_APP, as listed in the README. Existing users and keys
 * are left as they are: a demo password changed or a demo key revoked stays so. Production sets
 * the flag false and creates its own users and keys.
 */
@ApplicationScoped
public class DemoDataSeeder {
    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);
    static final String DEMO_CHANNEL = "MOBILE_APP";
    /** Public in the README on purpose: only for a demo database. */
    static final String DEMO_CHANNEL_KEY = "lf-demo-MOBILE_APP-0b7e4c2a9d";
    private static final String CREATED_BY = "demo-data";

    /** A demo user; its password is {@code demo-<username>}. */
    record DemoUser(String username, List<String> roles) {
        String password() {
            return "demo-" + username;
        }
    }

    static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("manager", List.of(Roles.PRODUCT_MANAGER)),
            new DemoUser("approver", List.of(Roles.APPROVER)),
            new DemoUser("lead", List.of(Roles.PRODUCT_MANAGER, Roles.APPROVER)),
            new DemoUser("auditor", List.of(Roles.AUDITOR)),
            new DemoUser("admin", List.of(Roles.ADMIN)),
            new DemoUser("officer", List.of(Roles.CREDIT_OFFICER)));

    @Inject
    DemoDataConfig config;
    @Inject
    Passwords passwords;
    @Inject
    ChannelKeys keys;
    @Inject
    ServiceAddress address;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) return;
        QuarkusTransaction.requiringNew().run(() -> {
            DEMO_USERS.forEach(this::createIfMissing);
            createDemoKeyIfMissing();
        });
        LOG.warn(warning(address.reach()));
    }

    /** The start-up warning, naming where the public demo credentials are accepted. */
    static String warning(String reach) {
        return "Demo credentials are active " + reach + ": users " + DEMO_USERS.stream().map(DemoUser::username).toList()
                + " (passwords in the README) and a demo key for " + DEMO_CHANNEL
                + ". Set LOANFACTORY_DEMO_DATA_ENABLED=false in production.";
    }

    private void createIfMissing(DemoUser demo) {
        if (AppUser.findByUsername(demo.username()).isPresent()) return;
        AppUser.create(demo.username(), passwords.hash(demo.password()), demo.roles(), CREATED_BY);
        LOG.infof("created demo user %s with roles %s", demo.username(), demo.roles());
    }

    private void createDemoKeyIfMissing() {
        String sha256 = ChannelKeys.sha256(DEMO_CHANNEL_KEY);
        if (ChannelKey.findBySha256(sha256).isPresent()) return;
        ChannelKey.create(DEMO_CHANNEL, sha256, ChannelKeys.displayPrefix(DEMO_CHANNEL_KEY), CREATED_BY);
        keys.forget(sha256);
        LOG.infof("created the demo key for %s", DEMO_CHANNEL);
    }
}
