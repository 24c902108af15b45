package dev.shop.user;

import dev.shop.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the database dropped every connection, the next requests are served: a connection idle for
 * over a second is checked before the pool hands it out (common's DatabaseDefaults), and a dead one
 * is replaced. Without that check each dead connection failed one request (a 503) first.
 */
@QuarkusTest
@TestProfile(DeadConnectionsAreNotHandedOutTest.NoBackgroundCheck.class)
class DeadConnectionsAreNotHandedOutTest {

    /** The background check out of the way, so that only the check on borrowing can save the requests. */
    public static class NoBackgroundCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.background-validation-interval", "10M");
        }
    }

    @Test
    void requestsAfterTheDatabaseDroppedEveryConnectionAreServed() throws Exception {
        Readiness.await();
        DatabaseDroppedConnections.fillThePool();
        assertTrue(DatabaseDroppedConnections.dropAll() >= 2, "connections ended");
        // The shortest outage there is: the connections lie idle for as long as the restart takes.
        Thread.sleep(1_500);
        for (int i = 0; i < 6; i++) {
            assertEquals(201, DatabaseDroppedConnections.register(), "registration " + (i + 1) + " after the fault");
        }
    }
}
