package cn.ruralcredit.loanfactory.decision.security;

/**
 * The roles of the product factory. Staff roles come from the user store (embedded default) or
 * from the OIDC provider (production); {@link #CHANNEL} is given to a channel app that presents
 * its API key.
 */
public final class Roles {
    /** Products, drafts, scenarios, test runs, submit for review. */
    public static final String PRODUCT_MANAGER = "PRODUCT_MANAGER";
    /** Approve, reject, publish, retire, roll back. */
    public static final String APPROVER = "APPROVER";
    /** Read decisions and lifecycle history. */
    public static final String AUDITOR = "AUDITOR";
    /** Users, channel keys, market rates. */
    public static final String ADMIN = "ADMIN";
    /** 信贷员: uploads batch files (整村授信) and reads their results. */
    public static final String CREDIT_OFFICER = "CREDIT_OFFICER";
    /** A channel app (X-Api-Key): decide, and read its own decisions. */
    public static final String CHANNEL = "CHANNEL";

    private Roles() {
    }
}
