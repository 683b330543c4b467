package cn.ruralcredit.loanfactory.rules.model;

/** Points one scorecard factor contributes to the applicant's score. */
public final class ScorePart {
    private final String factor;
    private final int points;

    public ScorePart(String factor, int points) {
        this.factor = factor;
        this.points = points;
    }

    public String getFactor() { return factor; }
    public int getPoints() { return points; }
}
