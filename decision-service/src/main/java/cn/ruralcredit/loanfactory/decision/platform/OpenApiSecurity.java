package cn.ruralcredit.loanfactory.decision.platform;

/**
 * Names of the ways to authenticate in the OpenAPI document; operations refer to them with
 * {@code @SecurityRequirement(name = OpenApiSecurity.CHANNEL_KEY)} and so on. The schemes
 * themselves are declared on {@code DecisionResource}: SmallRye OpenAPI reads
 * {@code @SecurityScheme} only from resource and Application classes.
 */
public final class OpenApiSecurity {
    public static final String CHANNEL_KEY = "channelKey";
    public static final String STAFF_BASIC = "staffBasic";
    public static final String STAFF_BEARER = "staffBearer";
    /** The browser workspace's session cookie (lf_session), with X-CSRF-Token on every change. */
    public static final String STAFF_SESSION = "staffSession";

    private OpenApiSecurity() {
    }
}
