package cn.ruralcredit.loanfactory.decision.support;

import io.restassured.specification.RequestSpecification;

import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Someone who calls the API, with the credentials they present; named for assertion messages. */
public record Caller(String name, Supplier<RequestSpecification> request) {

    public static Caller anonymous() {
        return new Caller("nobody (no credentials)", () -> given());
    }

    /** A demo user ({@link Auth#MANAGER} and so on) with the right password. */
    public static Caller user(String user) {
        return new Caller(user, () -> Auth.as(user));
    }

    /** The demo channel app (MOBILE_APP). */
    public static Caller channel() {
        return new Caller("channel " + Auth.DEMO_CHANNEL, Auth::channel);
    }

    public static Caller channelKey(String description, String key) {
        return new Caller(description, () -> given().header("X-Api-Key", key));
    }

    public static Caller basic(String description, String user, String password) {
        return new Caller(description, () -> given().auth().preemptive().basic(user, password));
    }

    @Override
    public String toString() {
        return name;
    }
}
