package cn.ruralcredit.loanfactory.rules.model;

/** A reason the application is declined. All declines that apply are reported together. */
public final class Decline {
    private final String code;
    private final String message;

    public Decline(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String getCode() { return code; }
    public String getMessage() { return message; }

    public Reason toReason() { return new Reason(code, message); }
}
