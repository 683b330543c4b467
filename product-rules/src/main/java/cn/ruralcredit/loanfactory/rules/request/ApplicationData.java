package cn.ruralcredit.loanfactory.rules.request;

import cn.ruralcredit.loanfactory.rules.model.GuaranteeType;
import cn.ruralcredit.loanfactory.rules.model.Purpose;

import java.math.BigDecimal;
import java.util.List;

/** The {@code application} object of a decision request; optional fields null when absent. */
public record ApplicationData(BigDecimal requestedAmount, Integer termMonths, Purpose purpose,
                              List<GuaranteeType> offeredGuarantees) {
}
