package dev.shop.user;

import dev.shop.testing.Management;
import dev.shop.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the database dropped every connection, a quiet service is ready again at the first probe
 * once the pool's background check has run (every 5 s, common's DatabaseDefaults). Readiness
 * validates whichever one connection the pool hands it: with the dead ones still pooled (Quarkus's
 * default checks every 2 minutes), each probe found one, reported DOWN, and only then dropped it.
 */
@QuarkusTest
class DeadConnectionsAreNotReadinessTest {

    @Test
    void aQuietServiceIsReadyAtTheFirstProbeAfterTheDatabaseDroppedItsConnections() throws Exception {
        Readiness.await();
        DatabaseDroppedConnections.fillThePool();
        assertTrue(DatabaseDroppedConnections.dropAll() >= 2, "connections ended");
        Thread.sleep(6_000);
        assertEquals(200, Management.request().when().get("/q/health/ready").statusCode(),
                () -> Management.request().when().get("/q/health/ready").asString());
    }
}
