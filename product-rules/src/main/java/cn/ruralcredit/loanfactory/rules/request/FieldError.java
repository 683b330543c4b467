package cn.ruralcredit.loanfactory.rules.request;

/** One invalid input field, named by its JSON path (e.g. {@code applicant.idNumber}). */
public record FieldError(String field, String message) {
}
