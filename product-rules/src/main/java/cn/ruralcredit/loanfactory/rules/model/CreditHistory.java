package cn.ruralcredit.loanfactory.rules.model;

/** Credit bureau summary of the applicant (missing values already defaulted to 0 / false). */
public final class CreditHistory {
    private final int overdueCount24m;
    private final int maxOverdueDays24m;
    private final boolean currentOverdue;

    public CreditHistory(int overdueCount24m, int maxOverdueDays24m, boolean currentOverdue) {
        this.overdueCount24m = overdueCount24m;
        this.maxOverdueDays24m = maxOverdueDays24m;
        this.currentOverdue = currentOverdue;
    }

    public int getOverdueCount24m() { return overdueCount24m; }
    public int getMaxOverdueDays24m() { return maxOverdueDays24m; }
    public boolean isCurrentOverdue() { return currentOverdue; }
}
