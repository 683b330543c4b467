package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A channel app's API key as presented in the {@code X-Api-Key} header. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
