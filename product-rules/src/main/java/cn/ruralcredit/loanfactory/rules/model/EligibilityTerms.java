package cn.ruralcredit.loanfactory.rules.model;

import java.util.List;

/** A product's eligibility parameters: the segments it serves and its maximum age. */
public final class EligibilityTerms {
    private final int maxAge;
    private final List<Segment> segments;

    public EligibilityTerms(int maxAge, List<Segment> segments) {
        this.maxAge = maxAge;
        this.segments = List.copyOf(segments);
    }

    public int getMaxAge() { return maxAge; }
    public List<Segment> getSegments() { return segments; }
}
