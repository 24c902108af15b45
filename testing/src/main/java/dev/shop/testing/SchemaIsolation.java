package dev.shop.testing;

import dev.shop.database.ServiceSchema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a service's database role has rights on its own schema and nowhere else. */
public final class SchemaIsolation {

    private static final String SQLSTATE_INSUFFICIENT_PRIVILEGE = "42501";

    private SchemaIsolation() {
    }

    /**
     * As {@code service}'s role: every other service's tables can be neither read nor written,
     * nothing can be created in their schemas or in {@code public}, and its own schema works.
     */
    public static void assertConfinedToOwnSchema(ServiceSchema service) throws SQLException {
        try (Connection admin = TestDatabase.get().connectAsAdmin(); Statement s = admin.createStatement()) {
            for (ServiceSchema other : ServiceSchema.values()) {
                if (other != service) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + other.schema() + ".isolation_probe (secret text)");
                    s.execute("ALTER TABLE " + other.schema() + ".isolation_probe OWNER TO " + other.role());
                }
            }
        }
        try (Connection own = TestDatabase.get().connectAs(service); Statement s = own.createStatement()) {
            for (ServiceSchema other : ServiceSchema.values()) {
                if (other == service) {
                    continue;
                }
                String table = other.schema() + ".isolation_probe";
                assertDenied(s, "SELECT * FROM " + table);
                assertDenied(s, "INSERT INTO " + table + " VALUES ('x')");
                assertDenied(s, "UPDATE " + table + " SET secret = 'y'");
                assertDenied(s, "DELETE FROM " + table);
                assertDenied(s, "CREATE TABLE " + other.schema() + ".intruder (id int)");
            }
            assertDenied(s, "CREATE TABLE public.intruder (id int)");

            try (ResultSet rs = s.executeQuery("SELECT current_schema(), count(*) FROM flyway_schema_history")) {
                assertTrue(rs.next());
                assertEquals(service.schema(), rs.getString(1));
                assertTrue(rs.getLong(2) > 0, "the service's own migrations ran in its schema");
            }
        }
    }

    private static void assertDenied(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals(SQLSTATE_INSUFFICIENT_PRIVILEGE, e.getSQLState(), sql + ": " + e.getMessage());
    }
}
