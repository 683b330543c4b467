package cn.ruralcredit.loanfactory.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The rule engine version decisions are made with, recorded in every decision. */
public final class EngineInfo {
    public static final String DROOLS_VERSION = load().getProperty("drools.version", "unknown");

    private EngineInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = EngineInfo.class.getClassLoader().getResourceAsStream("loanfactory-engine.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
