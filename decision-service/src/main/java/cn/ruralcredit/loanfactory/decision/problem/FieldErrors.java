package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request body, then fails with one 400 that names them all. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field} unless {@code valid}; returns {@code valid}. */
    public boolean check(boolean valid, String field, String message) {
        if (!valid) errors.add(new FieldError(field, message));
        return valid;
    }

    /** Records {@code message} for {@code field} when {@code invalid}; returns this, for chains of checks. */
    public FieldErrors refuseIf(boolean invalid, String field, String message) {
        if (invalid) errors.add(new FieldError(field, message));
        return this;
    }

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** A 400 problem naming every recorded field, if there is one. */
    public void throwIfAny() {
        if (!errors.isEmpty()) throw new InvalidRequestException(errors);
    }

    /** The 400 for a request without a body. */
    public static InvalidRequestException missingBody() {
        return new InvalidRequestException(List.of(new FieldError("$", "the request body is empty")));
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
