package dev.shop.database;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedDatabaseTest {

    static final Map<String, String> PASSWORDS = Map.of(
            "CATALOG_DB_PASSWORD", "catalog-secret",
            "USERS_DB_PASSWORD", "users-secret",
            "ORDERS_DB_PASSWORD", "orders'secret");

    static EmbeddedDatabase database;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(null, 0, PASSWORDS::get);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void everyServiceLogsInWithItsPasswordIntoItsOwnSchema() throws SQLException {
        for (ServiceSchema service : ServiceSchema.values()) {
            String password = PASSWORDS.get(service.passwordVariable());
            try (Connection c = DriverManager.getConnection(database.jdbcUrl(), service.role(), password);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                assertEquals(service.schema(), rs.getString(1));
            }
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(database.jdbcUrl(), "catalog_service", "wrong").close());
    }

    @Test
    void applyingTheScriptAgainKeepsDataAndResetsPasswords() throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "catalog_service", "catalog-secret");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int)");
        }
        Map<String, String> changed = Map.of(
                "CATALOG_DB_PASSWORD", "changed", "USERS_DB_PASSWORD", "u", "ORDERS_DB_PASSWORD", "o");
        try (Connection admin = database.connectAsSuperuser()) {
            InitScript.apply(admin, changed::get);
        }
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "catalog_service", "changed");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM catalog.kept")) {
            assertTrue(rs.next());
            s.execute("DROP TABLE kept");
        } finally {
            try (Connection admin = database.connectAsSuperuser()) {
                InitScript.apply(admin, PASSWORDS::get);
            }
        }
    }

    @Test
    void aMissingPasswordStopsTheScript() {
        Map<String, String> missing = Map.of("CATALOG_DB_PASSWORD", "x", "USERS_DB_PASSWORD", "y");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InitScript.render(InitScript.text(), missing::get));
        assertTrue(e.getMessage().contains("ORDERS_DB_PASSWORD"), e.getMessage());
    }

    @Test
    void literalsAreQuotedLikePsqlDoes() {
        assertEquals("'it''s'", InitScript.literal("it's"));
    }
}
