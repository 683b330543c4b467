package cn.ruralcredit.loanfactory.rules.request;

import java.util.List;

/** The request failed validation (PRODUCTS.md 1.2); nothing was evaluated. */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s): " + errors.stream().map(FieldError::field).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() { return errors; }
}
