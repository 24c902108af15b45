package dev.shop.order;

import dev.shop.testing.OperationsEndpoints;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    @Test
    void theOperationsEndpointsAreThere() {
        OperationsEndpoints.assertServedBy("order-service", "/api/orders/{id}/cancel");
    }
}
