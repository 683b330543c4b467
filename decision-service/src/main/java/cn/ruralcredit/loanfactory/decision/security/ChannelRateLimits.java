package cn.ruralcredit.loanfactory.decision.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per channel key, so that one channel app cannot take the capacity the others
 * need: {@code requests-per-second} on average and {@code burst} at once, per key (a channel with
 * several keys has an allowance per key), by default or as configured for its channel. Kept in
 * memory: each node of a cluster counts its own requests.
 */
@ApplicationScoped
public class ChannelRateLimits {
    /** Identity attribute: the sha256 of the key a channel authenticated with. */
    public static final String KEY_SHA256 = "loanfactory.channel-key-sha256";

    @Inject
    RateLimitConfig config;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    LongSupplier nanoTime = System::nanoTime;

    /** Takes one request from the key's allowance: 0 when it may go ahead, else the seconds until it may. */
    public long take(String keySha256, String channel) {
        RateLimitConfig.Allowance allowance = config.channels().getOrDefault(channel, config.channelKey());
        return buckets.computeIfAbsent(keySha256, k -> new Bucket()).take(allowance, nanoTime.getAsLong());
    }

    static final class Bucket {
        private double tokens = Double.NaN;
        private long last;

        synchronized long take(RateLimitConfig.Allowance allowance, long now) {
            double rate = allowance.requestsPerSecond();
            int burst = Math.max(1, allowance.burst());
            tokens = Double.isNaN(tokens) ? burst : Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }
}
