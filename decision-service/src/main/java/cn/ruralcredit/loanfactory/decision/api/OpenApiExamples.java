package cn.ruralcredit.loanfactory.decision.api;

/** The examples of API.md, shown in the OpenAPI document. */
final class OpenApiExamples {
    static final String REQUEST = """
            {
              "requestId": "ch-app-20251121-000123",
              "productCode": "FUNONG",
              "asOfDate": "2025-11-21",
              "channel": "MOBILE_APP",
              "applicant": {
                "idNumber": "150422197511020041", "name": "张三", "phone": "13800138000", "segment": "FARMER",
                "annualIncome": 120000, "annualExpenses": 40000, "totalAssets": 600000, "totalLiabilities": 50000,
                "annualRevenue": 0, "avgDepositBalance12m": 30000, "eBankingProducts": 2, "salaryPaidByUs": false,
                "adminRank": "NONE", "businessYears": 0, "socialSecurityMonths": 0, "workingAwayYears": 0,
                "inMigrantDatabase": false, "relationshipMonths": 0, "offlineVerified": false,
                "hukou": { "local": true, "localSinceYears": 30 }, "committeeRating": "GOOD", "blacklisted": false,
                "creditHistory": { "overdueCount24m": 0, "maxOverdueDays24m": 0, "currentOverdue": false }
              },
              "application": { "requestedAmount": 80000, "termMonths": 12, "purpose": "PRODUCTION",
                               "offeredGuarantees": ["GUARANTOR"] }
            }""";

    static final String RESPONSE = """
            {
              "decisionId": "01JD2V7N3C4Q8W5T6Y7Z8A9B0C",
              "requestId": "ch-app-20251121-000123",
              "productCode": "FUNONG",
              "ruleSet": { "version": 1, "sha256": "9f2c…" },
              "asOfDate": "2025-11-21",
              "lprPct": 3.00,
              "outcome": "APPROVED",
              "tier": { "code": "G4", "label": "优秀" },
              "creditLimit": 80000,
              "annualRatePct": 5.20,
              "guarantee": { "required": false, "acceptableTypes": [], "securedBy": "GUARANTOR" },
              "approvalLevel": "BRANCH",
              "validityMonths": 36,
              "reasons": [ { "code": "LIMIT_CAPPED_BY_REQUEST", "message": "申请金额低于可授信额度" } ],
              "firedRules": ["common: age in range", "FUNONG: grade G4 when the score is at least 80", "..."],
              "decidedAt": "2025-11-21T08:15:30.123Z"
            }""";

    static final String BAD_REQUEST = """
            {
              "type": "about:blank", "title": "Bad Request", "status": 400,
              "detail": "the request has invalid fields",
              "errors": [ { "field": "applicant.idNumber", "message": "check character does not match (ISO 7064 MOD 11-2)" } ]
            }""";

    private OpenApiExamples() {
    }
}
