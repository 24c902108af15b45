package dev.shop.user;

import dev.shop.testing.TestDatabase;
import io.restassured.http.ContentType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fault of a database restart or failover, as the service's pool sees it: PostgreSQL ends
 * every connection the service holds. The tests fill the pool first, so there are dead connections
 * to be handed out.
 */
final class DatabaseDroppedConnections {

    private DatabaseDroppedConnections() {
    }

    /** Several connections in the pool at once (registrations in parallel), all idle afterwards. */
    static void fillThePool() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> registrations = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                registrations.add(threads.submit(DatabaseDroppedConnections::register));
            }
            for (Future<Integer> registration : registrations) {
                assertEquals(201, registration.get(), "a registration before the fault");
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Ends every connection of user-service's role, as a restarting PostgreSQL does; how many it ended. */
    static int dropAll() throws Exception {
        try (Connection admin = TestDatabase.get().connectAsAdmin(); Statement statement = admin.createStatement();
             ResultSet ended = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid))"
                     + " from pg_stat_activity where usename = 'user_service'")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    /** A request that needs the database: a new account. */
    static int register() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", Users.newEmail(), "password", Users.PASSWORD, "name", "Dropped"))
                .when().post("/api/users").statusCode();
    }
}
