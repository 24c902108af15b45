package dev.shop.user;

import dev.shop.testing.Metrics;
import dev.shop.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ObservabilityTest {

    @Test
    void theOperationsEndpointsAreThere() {
        OperationsEndpoints.assertServedBy("user-service", "/api/auth/login");
    }

    /** shop.login.max-failures=10: the eleventh failure in a row is refused with 429. */
    @Test
    void loginsAreCountedByHowTheyEnded() {
        double succeeded = logins("succeeded");
        double failed = logins("failed");
        double limited = logins("limited");
        String email = Users.newEmail();
        Users.register(email, Users.PASSWORD, "Counted").then().statusCode(201);

        Users.login(email, Users.PASSWORD).then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            Users.login(email, "wrong " + i).then().statusCode(401);
        }
        Users.login(email, "wrong again").then().statusCode(429);

        assertEquals(succeeded + 1, logins("succeeded"));
        assertEquals(failed + 10, logins("failed"));
        assertEquals(limited + 1, logins("limited"));
    }

    private static double logins(String outcome) {
        return Metrics.value("shop_logins_total{outcome=\"" + outcome + "\"}");
    }
}
