package cn.ruralcredit.loanfactory.decision.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** The product factory's API in test-sized steps, each asserting its own success. */
public final class Factory {
    private Factory() {
    }

    public static String versions(String code) {
        return "/api/v1/products/" + code + "/versions";
    }

    /** A new FARMER product whose draft version 1 (and scenario suite) is copied from {@code from}:{@code version}. */
    public static JsonPath productCopiedFrom(String code, String from, int version) {
        Map<String, Object> body = Map.of("code", code, "nameZh", "测试福农卡", "nameEn", "test " + code,
                "segments", List.of("FARMER"), "description", "县域测试产品",
                "copyFrom", Map.of("productCode", from, "version", version));
        return Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(body).post("/api/v1/products")
                .then().statusCode(201).extract().jsonPath();
    }

    /** A draft of {@code code} copied from its version {@code from}, by the product manager. */
    public static JsonPath draftFrom(String code, int from) {
        return Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(Map.of("copyFrom", Map.of("version", from)))
                .post(versions(code)).then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath version(String code, int version) {
        return Auth.as(Auth.MANAGER).get(versions(code) + "/" + version).then().statusCode(200).extract().jsonPath();
    }

    /** Replaces {@code from} with {@code to} in one file of a draft; returns the new lockVersion. */
    public static long replaceInFile(String code, int version, String path, String from, String to) {
        JsonPath draft = version(code, version);
        Map<String, String> files = new HashMap<>(draft.getMap("files"));
        String content = files.get(path);
        if (!content.contains(from)) throw new AssertionError(path + " has no " + from);
        files.put(path, content.replace(from, to));
        return Auth.as(Auth.MANAGER).contentType(ContentType.JSON)
                .body(Map.of("lockVersion", draft.getLong("lockVersion"), "files", files))
                .put(versions(code) + "/" + version).then().statusCode(200).extract().jsonPath().getLong("lockVersion");
    }

    /**
     * Runs the suite against a version and, for each failing case, takes the decision fields the
     * version produced as the case's new expectation, as a product manager does after checking
     * that the change is the intended one. Returns the names of the cases updated.
     */
    public static List<String> acceptNewResults(String code, int version) {
        JsonPath run = Auth.as(Auth.MANAGER).post(versions(code) + "/" + version + "/test-runs").then().statusCode(201)
                .extract().jsonPath();
        List<Map<String, Object>> failing = run.getList("cases.findAll { !it.passed }");
        for (Map<String, Object> c : failing) {
            String name = (String) c.get("scenario");
            JsonPath stored = Auth.as(Auth.MANAGER).get("/api/v1/products/" + code + "/scenarios/" + name).then()
                    .statusCode(200).extract().jsonPath();
            Map<String, Object> expected = new HashMap<>(stored.getMap("expected"));
            for (Object d : (List<?>) c.get("differences")) {
                Map<?, ?> difference = (Map<?, ?>) d;
                expected.put((String) difference.get("field"), parse((String) difference.get("actual")));
            }
            Map<String, Object> body = new HashMap<>();
            body.put("lockVersion", stored.getLong("lockVersion"));
            body.put("title", stored.getString("title"));
            body.put("description", stored.getString("description"));
            body.put("request", stored.getMap("request"));
            body.put("expected", expected);
            Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(body)
                    .put("/api/v1/products/" + code + "/scenarios/" + name).then().statusCode(200);
        }
        return failing.stream().map(c -> (String) c.get("scenario")).toList();
    }

    /** Puts seed scenarios of {@code code} back as they ship, after a test changed them. */
    public static void restoreSeedScenarios(String code, java.util.Collection<String> names) {
        for (String name : names) {
            var seed = cn.ruralcredit.loanfactory.rules.seed.SeedScenarios.file(code, name + ".json").json();
            long lock = Auth.as(Auth.MANAGER).get("/api/v1/products/" + code + "/scenarios/" + name).then().statusCode(200)
                    .extract().jsonPath().getLong("lockVersion");
            var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            body.put("lockVersion", lock);
            body.set("title", seed.get("name"));
            body.set("description", seed.get("description"));
            body.set("request", seed.get("request"));
            body.set("expected", seed.get("expected"));
            if (seed.has("firedRules")) body.set("firedRules", seed.get("firedRules"));
            Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(body.toString())
                    .put("/api/v1/products/" + code + "/scenarios/" + name).then().statusCode(200);
        }
    }

    /**
     * Starts a simulation of a version as {@code user} with {@code body} ({@code from}/{@code to}),
     * checks the 202 and its Location, and polls the Location until the job is DONE or FAILED,
     * within {@code deadline}. Returns the finished simulation.
     */
    public static JsonPath simulate(String user, String code, int version, String body, java.time.Duration deadline) {
        io.restassured.response.Response started = Auth.as(user).contentType(ContentType.JSON).body(body)
                .post(versions(code) + "/" + version + "/simulations");
        started.then().statusCode(202).body("kind", equalTo("SIMULATION")).body("version", equalTo(version));
        String location = started.header("Location");
        String id = started.path("id");
        if (location == null || !location.endsWith(versions(code) + "/" + version + "/simulations/" + id)) {
            throw new AssertionError("Location " + location + " does not name simulation " + id);
        }
        return awaitFinished(user, versions(code) + "/" + version + "/simulations/" + id, deadline);
    }

    /**
     * Polls a simulation until it is DONE or FAILED; fails when it is neither by the deadline.
     * Numbers with decimals are read as BigDecimal, exactly as written.
     */
    public static JsonPath awaitFinished(String user, String path, java.time.Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonPath job = Auth.as(user).get(path).then().statusCode(200).extract()
                    .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
            String status = job.getString("status");
            if ("DONE".equals(status) || "FAILED".equals(status)) return job;
            if (System.nanoTime() > until) {
                throw new AssertionError(path + " is still " + status + " after " + deadline + ": " + job.prettify());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + path, e);
            }
        }
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("a difference's actual value is JSON: " + json, e);
        }
    }

    /**
     * Submits (as the manager), approves (as the approver) and publishes (as the approver) from
     * {@code effectiveFrom}. The approver acknowledges that no simulation covers the version: the
     * tests using this are about publishing, and SimulationTest covers the approval rule.
     */
    public static void submitApprovePublish(String code, int version, LocalDate effectiveFrom) {
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body("{}").post(versions(code) + "/" + version + "/submit")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        Auth.as(Auth.APPROVER).contentType(ContentType.JSON).body(Map.of("acknowledgeNoSimulation", true))
                .post(versions(code) + "/" + version + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"));
        Auth.as(Auth.APPROVER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", effectiveFrom.toString()))
                .post(versions(code) + "/" + version + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }
}
