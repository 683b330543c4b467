package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded MariaDB checks who connects: no {@code --skip-grant-tables}; the service's account
 * has a generated password kept in the data directory, readable by its owner only (0600, in a
 * 0700 directory); root without a password, a wrong password and the installation's other accounts
 * are refused. The password survives a restart.
 */
class EmbeddedMariaDbAuthTest {
    private static final Path HOME = Path.of("target", "mariadb-auth-test").toAbsolutePath();

    @Test
    void shouldRefuseEveryoneButTheServiceAccountWithThePasswordOfTheDataDirectory() throws Exception {
        String password;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(HOME, "auth_test", 0)) {
            Path passwordFile = HOME.resolve(EmbeddedMariaDb.PASSWORD_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(HOME)));
            password = Files.readString(passwordFile).trim();
            assertEquals(password, db.password());
            assertTrue(password.length() >= 32, "a generated password of 32 characters");
            assertFalse(Files.exists(HOME.resolve("mariadb-init.sql")), "the start-up file with the password is gone");
            assertFalse(serverCommandLine().contains("--skip-grant-tables"), serverCommandLine());

            assertEquals("28000", refusal(db, "root", ""), "root without a password");
            assertEquals("28000", refusal(db, EmbeddedMariaDb.USERNAME, password + "x"), "a wrong password");
            assertEquals("28000", refusal(db, "mysql", ""), "the installation's mysql account");
            assertEquals("28000", refusal(db, "", ""), "an anonymous login");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT CONCAT(user, '@', host) FROM mysql.user ORDER BY 1")) {
                List<String> accounts = new ArrayList<>();
                while (rs.next()) accounts.add(rs.getString(1));
                // PUBLIC is MariaDB's role of every account, not a login
                assertEquals(List.of("PUBLIC@", "loanfactory@127.0.0.1", "mariadb.sys@localhost", "root@localhost"), accounts);
            }
        }
        try (EmbeddedMariaDb again = EmbeddedMariaDb.start(HOME, "auth_test", 0)) {
            assertEquals(password, again.password(), "the same password after a restart");
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), again.username(), password);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
                assertTrue(rs.next());
                assertEquals("loanfactory@127.0.0.1", rs.getString(1));
            }
        }
    }

    /** The SQLSTATE of the refused login: 28000, access denied (error 1045, or 1698 for a socket-only account). */
    private static String refusal(EmbeddedMariaDb db, String user, String password) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), user, password).close());
        return e.getSQLState();
    }

    private static String serverCommandLine() {
        String marker = "--datadir=" + HOME.resolve("mariadb-data");
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("mariadbd") && c.contains(marker + " ")).findFirst().orElseThrow();
    }
}
