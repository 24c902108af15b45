package dev.shop.user;

import dev.shop.testing.Management;
import dev.shop.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the database (or the pooler) dropped every connection the service holds, a few seconds
 * later the service is ready at the first probe and serves the first request: the pool checks its
 * idle connections every 5 s (common's DatabaseDefaults) and drops the dead ones. With Quarkus's
 * default (every 2 minutes) both failed: readiness validates whichever one connection the pool
 * hands it, and a request got a dead one (503).
 */
@QuarkusTest
class DeadConnectionsTest {

    @Test
    void aFewSecondsAfterTheDatabaseDroppedEveryConnectionTheServiceIsReadyAndServes() throws Exception {
        Readiness.await();
        DatabaseDroppedConnections.fillThePool();
        assertTrue(DatabaseDroppedConnections.dropAll() >= 2, "connections ended");
        // Quiet: nothing uses (and so discards) the dead connections but the pool's own check.
        Thread.sleep(6_000);
        assertEquals(200, Management.request().when().get("/q/health/ready").statusCode(),
                () -> Management.request().when().get("/q/health/ready").asString());
        for (int i = 0; i < 3; i++) {
            assertEquals(201, DatabaseDroppedConnections.register(), "registration " + (i + 1) + " after the fault");
        }
    }
}
