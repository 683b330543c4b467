package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every request of the README's tour (docs/tour/) gives the decision the README quotes. */
@QuarkusTest
class TourExamplesTest {
    private static final Path TOUR = Path.of("..", "docs", "tour");

    static Stream<Arguments> tour() {
        return Stream.of(
                arguments("funong-api-example.json", "APPROVED", "G4", 80_000, 5.20f, List.of("LIMIT_CAPPED_BY_REQUEST")),
                arguments("fushang-merchant.json", "APPROVED", "S2", 360_000, 5.55f, List.of()),
                arguments("fuxin-section-chief.json", "APPROVED", "R3", 200_000, 4.50f, List.of("LIMIT_CAPPED_BY_GUARANTEE")),
                arguments("fumin-resident.json", "APPROVED", "M3", 300_000, 6.05f, List.of("LIMIT_CAPPED_BY_GUARANTEE")),
                arguments("xiangqing-migrant.json", "APPROVED", "X3", 50_000, 5.85f, List.of("LIMIT_CAPPED_BY_REQUEST")),
                arguments("xsm-chuangye-new-citizen.json", "REFERRED", "STAGE3", 400_000, 5.60f, List.of("LIMIT_CAPPED_BY_REQUEST")),
                arguments("funong-declined.json", "DECLINED", null, 0, null,
                        List.of("CURRENT_OVERDUE", "SERIOUS_DELINQUENCY", "COMMITTEE_NEGATIVE")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tour")
    void tourRequestGivesTheDecisionTheReadmeQuotes(String file, String outcome, String tier, int limit, Float rate,
                                                    List<String> reasons) throws IOException {
        ObjectNode request = (ObjectNode) new ObjectMapper().readTree(TOUR.resolve(file).toFile());
        request.put("requestId", "tour-" + UUID.randomUUID());
        ValidatableResponse response = Auth.channel().contentType(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/decisions").then()
                .statusCode(200)
                .body("outcome", equalTo(outcome))
                .body("creditLimit", equalTo(limit))
                .body("annualRatePct", rate == null ? nullValue() : equalTo(rate))
                .body("reasons.code", equalTo(reasons));
        response.body("tier.code", tier == null ? nullValue() : equalTo(tier));
    }
}
