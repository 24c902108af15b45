package dev.shop.order;

import dev.shop.testing.ServiceTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a real PostgreSQL as order_service, with catalog-service
 * and user-service running beside it as real processes.
 */
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = ServiceTestResource.ROLE, value = "order_service"))
@WithTestResource(value = Neighbours.class, scope = TestResourceScope.GLOBAL)
public final class OrderTestResources {
    private OrderTestResources() {
    }
}
