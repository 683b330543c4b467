package cn.ruralcredit.loanfactory.decision.support;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Credentials of the demo users and the demo channel key that the first start creates (README).
 * Staff authenticate with HTTP Basic, channel apps with {@code X-Api-Key}.
 */
public final class Auth {
    /** PRODUCT_MANAGER */
    public static final String MANAGER = "manager";
    /** APPROVER */
    public static final String APPROVER = "approver";
    /** PRODUCT_MANAGER and APPROVER: may approve versions written by others, never their own. */
    public static final String LEAD = "lead";
    /** AUDITOR */
    public static final String AUDITOR = "auditor";
    /** ADMIN */
    public static final String ADMIN = "admin";
    /** The demo channel key of channel MOBILE_APP. */
    public static final String DEMO_CHANNEL_KEY = "lf-demo-MOBILE_APP-0b7e4c2a9d";
    public static final String DEMO_CHANNEL = "MOBILE_APP";

    private Auth() {
    }

    /** A request as demo user {@code user} (password {@code demo-<user>}). */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "demo-" + user);
    }

    /** A request as the demo channel app. */
    public static RequestSpecification channel() {
        return given().header("X-Api-Key", DEMO_CHANNEL_KEY);
    }
}
