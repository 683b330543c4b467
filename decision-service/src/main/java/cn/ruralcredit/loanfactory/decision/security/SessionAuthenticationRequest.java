package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A staff session token as presented in the {@code lf_session} cookie. */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {
    private final String token;

    public SessionAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
