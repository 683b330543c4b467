package cn.ruralcredit.loanfactory.rules.model;

/** Household registration (户籍) of the applicant. */
public final class Hukou {
    private final boolean local;
    private final int localSinceYears;

    public Hukou(boolean local, int localSinceYears) {
        this.local = local;
        this.localSinceYears = localSinceYears;
    }

    public boolean isLocal() { return local; }
    public int getLocalSinceYears() { return localSinceYears; }
}
