package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.Metrics;
import dev.shop.testing.TestProcesses;
import dev.shop.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * catalog-service and user-service as processes, from their packaged applications. user-service
 * signs with the test key, so tokens minted by {@link TestTokens} are accepted everywhere; it also
 * holds order-service's service account, whose token every call to catalog-service carries.
 */
public class Neighbours implements QuarkusTestResourceLifecycleManager {

    static final String ORDER_SERVICE_SECRET = "order-service secret for tests";

    private static ServiceProcess users;
    private static ServiceProcess catalog;
    private static int catalogPort;
    private static int catalogManagementPort;
    private static CatalogProxy proxy;

    @Override
    public Map<String, String> start() {
        users = TestProcesses.service(ServiceSchema.USERS).name("user-service-for-orders")
                .env("SHOP_JWT_SIGNING_KEY", TestTokens.privateKeyPem())
                .env("SHOP_ORDER_SERVICE_SECRET", ORDER_SERVICE_SECRET)
                .start();
        catalogPort = ServiceProcess.freePort();
        catalogManagementPort = ServiceProcess.freePort();
        catalog = startCatalogProcess();
        TestProcesses.awaitReady(users, catalog);
        // order-service reaches catalog-service through a proxy that tests can lose or hold calls in.
        proxy = new CatalogProxy(catalog.uri());
        // Its readiness is asked of catalog-service itself: the proxy stands only in the calls' way.
        return Map.of(
                "shop.backend.catalog.host", proxy.uri().getHost(),
                "shop.backend.catalog.port", Integer.toString(proxy.uri().getPort()),
                "shop.backend.catalog.management-port", Integer.toString(catalogManagementPort),
                "shop.backend.users.host", users.uri().getHost(),
                "shop.backend.users.port", Integer.toString(users.port()),
                "shop.backend.users.management-port", Integer.toString(users.managementUri().getPort()),
                "shop.order-service.secret", ORDER_SERVICE_SECRET);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        TestProcesses.stop(catalog, users);
    }

    /** The network between order-service and catalog-service. */
    static CatalogProxy network() {
        return proxy;
    }

    static String catalogUrl() {
        return "http://localhost:" + catalogPort;
    }

    /** Takes catalog-service down, as a crash or a network partition would. */
    static synchronized void stopCatalog() {
        catalog.stop();
    }

    /**
     * Starts catalog-service again, and returns once order-service has seen it ready: order-service asks
     * its replicas' readiness every second, and sends nothing to one until it has said so.
     */
    static synchronized void startCatalog() {
        if (!catalog.isAlive()) {
            catalog = startCatalogProcess();
            TestProcesses.awaitReady(catalog);
        }
        String inRotation = "shop_replica_in_rotation{replica=\"" + proxy.uri().getHost() + ":" + proxy.uri().getPort()
                + "\",service=\"catalog-service\"}";
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(5);
        while (Metrics.value(inRotation) != 1) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("order-service did not put catalog-service back in rotation within 5 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ServiceProcess startCatalogProcess() {
        return TestProcesses.service(ServiceSchema.CATALOG).name("catalog-service-for-orders").port(catalogPort)
                .managementPort(catalogManagementPort)
                .trustTokensFrom(users.uri()).start();
    }
}
