package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.rules.request.FieldError;

import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of a request, so one 400 names them all. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Records {@code message} for {@code field} when {@code invalid}. */
    public FieldErrors check(boolean invalid, String field, String message) {
        if (invalid) add(field, message);
        return this;
    }

    public FieldErrors addAll(List<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** Throws a 400 naming every field collected, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) throw ProblemException.badFields(errors);
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
