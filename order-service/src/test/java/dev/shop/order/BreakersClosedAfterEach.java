package dev.shop.order;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * For tests that make calls to catalog-service fail (an outage, lost calls): the failures open
 * order-service's circuit breakers, and the tests after each one start from closed ones.
 */
abstract class BreakersClosedAfterEach {

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void closeBreakers() {
        breakers.resetAll();
    }
}
