package dev.shop.catalog;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** catalog-service's role has rights on its own schema and nowhere else. */
@QuarkusTest
class DatabaseRoleIsolationTest {

    @BeforeAll
    static void tablesOwnedByTheOtherServices() throws SQLException {
        try (Connection admin = TestDatabase.get().connectAsAdmin(); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS users.isolation_probe (secret text)");
            s.execute("ALTER TABLE users.isolation_probe OWNER TO user_service");
            s.execute("CREATE TABLE IF NOT EXISTS orders.isolation_probe (secret text)");
            s.execute("ALTER TABLE orders.isolation_probe OWNER TO order_service");
        }
    }

    @Test
    void cannotReadOrWriteAnotherServicesTables() throws SQLException {
        try (Connection catalog = TestDatabase.get().connectAs(ServiceSchema.CATALOG);
             Statement s = catalog.createStatement()) {
            for (String table : new String[] {"users.isolation_probe", "orders.isolation_probe"}) {
                assertDenied(s, "SELECT * FROM " + table);
                assertDenied(s, "INSERT INTO " + table + " VALUES ('x')");
                assertDenied(s, "DELETE FROM " + table);
            }
            assertDenied(s, "CREATE TABLE users.intruder (id int)");
            assertDenied(s, "CREATE TABLE public.intruder (id int)");
        }
    }

    @Test
    void worksInItsOwnSchema() throws SQLException {
        try (Connection catalog = TestDatabase.get().connectAs(ServiceSchema.CATALOG);
             Statement s = catalog.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM product");
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) >= 60);
        }
    }

    private static void assertDenied(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
    }
}
