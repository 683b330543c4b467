package cn.ruralcredit.loanfactory.decision.scenario;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A product's scenario suite, edited by product managers: each case is a request and the
 * decision fields it must produce, checked on input so that a typo in a field name cannot make a
 * case pass vacuously. Edits use optimistic locking like rule set drafts.
 */
@ApplicationScoped
@Transactional
public class ScenarioService {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    /** The decision fields a case may expect (ScenarioRunner.actualFields). */
    static final Set<String> EXPECTED_FIELDS = Set.of("outcome", "tier", "creditLimit", "annualRatePct", "guarantee",
            "approvalLevel", "reasons", "validityMonths", "lprPct");

    @Inject
    CurrentUser user;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ScenarioViews.StoredCase> list(String code) {
        return SuiteCase.of(product(code)).stream().map(ScenarioService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ScenarioViews.StoredCase get(String code, String name) {
        return view(find(product(code), name));
    }

    public ScenarioViews.StoredCase create(String code, ScenarioViews.CaseInput input) {
        FieldErrors errors = new FieldErrors();
        if (input == null) throw FieldErrors.missingBody();
        errors.refuseIf(input.name() == null || !NAME.matcher(input.name()).matches(), "name",
                "1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit");
        String json = caseJson(input, errors);
        Product product = product(code);
        if (SuiteCase.find(product, input.name()).isPresent()) {
            throw ProblemException.conflict(code + " already has a scenario " + input.name());
        }
        return view(SuiteCase.create(product, input.name(), json, user.name()));
    }

    public ScenarioViews.StoredCase update(String code, String name, ScenarioViews.CaseInput input) {
        FieldErrors errors = new FieldErrors();
        if (input == null) throw FieldErrors.missingBody();
        errors.refuseIf(input.lockVersion() == null, "lockVersion", "is required: the lockVersion of the scenario as you read it");
        errors.refuseIf(input.name() != null && !input.name().equals(name), "name", "cannot be changed; create a new scenario");
        String json = caseJson(input, errors);
        SuiteCase c = find(product(code), name);
        if (c.lockVersion != input.lockVersion()) {
            throw ProblemException.conflict("scenario " + name + " was changed by " + c.updatedBy + " at " + c.updatedAt
                    + " since you read it (lockVersion " + input.lockVersion() + ", now " + c.lockVersion + "); reload it");
        }
        c.caseJson = json;
        c.updatedAt = Instant.now();
        c.updatedBy = user.name();
        SuiteCase.getEntityManager().flush();
        return view(c);
    }

    public void delete(String code, String name, Long lockVersion) {
        if (lockVersion == null) throw ProblemException.badField("lockVersion", "is required: the lockVersion as you read it");
        SuiteCase c = find(product(code), name);
        if (c.lockVersion != lockVersion) {
            throw ProblemException.conflict("scenario " + name + " was changed since you read it; reload it");
        }
        c.delete();
    }

    /** Adds a case without the input checks: the seed suites, which rule-tests verifies. */
    public static void seed(Product product, String name, JsonNode scenarioFile) {
        SuiteCase.create(product, name, ApiJson.write(scenarioFile), "seed");
    }

    /** The case in the scenario file format; every invalid field is collected into {@code errors}, then thrown. */
    static String caseJson(ScenarioViews.CaseInput input, FieldErrors errors) {
        errors.refuseIf(input.title() != null && input.title().length() > 500, "title", "at most 500 characters");
        errors.refuseIf(input.description() != null && input.description().length() > 10_000, "description",
                "at most 10000 characters");
        JsonNode request = input.request();
        if (request == null || !request.isObject()) {
            errors.add("request", "is required: a decision request as in API.md, with asOfDate");
        } else {
            errors.refuseIf(!request.hasNonNull("asOfDate"), "request.asOfDate",
                    "is required in a scenario, so that the case gives the same answer on every day");
            try {
                DecisionRequestReader.read(request, null);
            } catch (InvalidRequestException e) {
                for (FieldError f : e.errors()) {
                    if (!f.field().equals("asOfDate")) errors.add("request." + f.field(), f.message());
                }
            }
        }
        JsonNode expected = input.expected();
        if (expected == null || !expected.isObject() || expected.isEmpty()) {
            errors.add("expected", "is required: at least one decision field the case must produce");
        } else {
            expected.fieldNames().forEachRemaining(f -> errors.refuseIf(!EXPECTED_FIELDS.contains(f), "expected." + f,
                    "is not a decision field; expected may name " + EXPECTED_FIELDS));
        }
        JsonNode fired = input.firedRules();
        if (fired != null && !fired.isNull()) {
            boolean strings = fired.isArray();
            if (strings) for (JsonNode n : fired) strings &= n.isTextual();
            errors.refuseIf(!strings, "firedRules", "must be an array of rule names");
        }
        errors.throwIfAny();
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        if (input.title() != null) file.put("name", input.title());
        if (input.description() != null) file.put("description", input.description());
        file.set("request", request);
        file.set("expected", expected);
        if (fired != null && !fired.isNull()) file.set("firedRules", fired);
        return ApiJson.write(file);
    }

    static ScenarioViews.StoredCase view(SuiteCase c) {
        JsonNode file = ApiJson.readStored(c.caseJson);
        return new ScenarioViews.StoredCase(c.name, c.lockVersion, c.updatedAt, c.updatedBy,
                text(file, "name"), text(file, "description"), file.get("request"), file.get("expected"),
                file.get("firedRules"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Product product(String code) {
        return Product.findByCode(code).orElseThrow(() -> ProblemException.notFound("no product " + code));
    }

    private static SuiteCase find(Product product, String name) {
        return SuiteCase.find(product, name)
                .orElseThrow(() -> ProblemException.notFound(product.code + " has no scenario " + name));
    }
}
