package cn.ruralcredit.loanfactory.decision.security;

/** The demo-data warning as the seeder writes it (its method is package-private). */
public final class DemoDataSeederWarning {
    private DemoDataSeederWarning() {
    }

    public static String of(String reach) {
        return DemoDataSeeder.warning(reach);
    }
}
