package cn.ruralcredit.loanfactory.rules.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Guarantee types of the decision API. The declaration order is the strength order of
 * PRODUCTS.md 1.5 step 3, weakest first: {@code MORTGAGE_PROPERTY} is the strongest.
 */
public enum GuaranteeType {
    GUARANTOR, GUARANTOR_PUBLIC_SERVANT, GUARANTEE_COMPANY, MORTGAGE_PROPERTY;

    public static Optional<GuaranteeType> strongest(Collection<GuaranteeType> types) {
        return types.stream().max(Comparator.naturalOrder());
    }
}
