package cn.ruralcredit.loanfactory.rules.model;

/** A reason code with its Chinese message for the customer. */
public record Reason(String code, String message) {
}
