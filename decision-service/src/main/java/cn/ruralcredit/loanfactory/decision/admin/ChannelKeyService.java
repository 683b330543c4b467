package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.catalog.security.ChannelKey;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.ChannelKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Issues and revokes channel keys. A channel may hold several keys at once, so that an app can
 * roll over to a new key before the old one is revoked. A new key works at once (unknown keys are
 * never cached); a revoked key stops working at once on this node, and within the key cache's
 * time to live on the other nodes of a cluster.
 */
@ApplicationScoped
public class ChannelKeyService {

    @Inject
    ChannelKeys keys;
    @Inject
    SecurityIdentity identity;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChannelKeyView> list() {
        return ChannelKey.listByCreation().stream().map(ChannelKeyView::of).toList();
    }

    @Transactional
    public IssuedChannelKey issue(NewChannelKey request) {
        if (request == null) throw FieldErrors.missingBody();
        FieldErrors errors = new FieldErrors();
        errors.check(request.channel() != null && ChannelKeys.CHANNEL_CODE.matcher(request.channel()).matches(), "channel",
                "must be 1 to 32 characters: upper-case letters, digits or '_', starting with a letter");
        errors.throwIfAny();
        String key = keys.newKey();
        ChannelKey stored = ChannelKey.create(request.channel(), ChannelKeys.sha256(key), ChannelKeys.displayPrefix(key), caller());
        return new IssuedChannelKey(stored.id, stored.channel, key, stored.keyPrefix, stored.createdAt, stored.createdBy);
    }

    private record Revoked(ChannelKeyView view, String keySha256) {
    }

    /**
     * Revokes a key. The key is dropped from the cache after the revocation is committed, so that
     * no lookup that read the key as active just before can keep it cached.
     */
    public ChannelKeyView revoke(long id) {
        Revoked revoked = QuarkusTransaction.requiringNew().call(() -> {
            ChannelKey key = ChannelKey.<ChannelKey>findByIdOptional(id)
                    .orElseThrow(() -> ProblemException.notFound("no channel key " + id));
            key.revoke(caller());
            return new Revoked(ChannelKeyView.of(key), key.keySha256);
        });
        keys.forget(revoked.keySha256());
        return revoked.view();
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }
}
