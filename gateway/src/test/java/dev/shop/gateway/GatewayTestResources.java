package dev.shop.gateway;

import dev.shop.testing.ServiceTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The gateway verifies tokens against the test key; it has no database. */
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GatewayTestResources {
    private GatewayTestResources() {
    }
}
