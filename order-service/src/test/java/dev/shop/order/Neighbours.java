package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
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
    private static CatalogProxy proxy;

    @Override
    public Map<String, String> start() {
        users = TestProcesses.service(ServiceSchema.USERS).name("user-service-for-orders")
                .env("SHOP_JWT_SIGNING_KEY", TestTokens.privateKeyPem())
                .env("SHOP_ORDER_SERVICE_SECRET", ORDER_SERVICE_SECRET)
                .start();
        catalogPort = ServiceProcess.freePort();
        catalog = startCatalogProcess();
        TestProcesses.awaitReady(users, catalog);
        // order-service reaches catalog-service through a proxy that tests can lose or hold calls in.
        proxy = new CatalogProxy(catalog.uri());
        return Map.of(
                "quarkus.rest-client.catalog.url", proxy.uri().toString(),
                "quarkus.rest-client.users.url", users.uri().toString(),
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

    static synchronized void startCatalog() {
        if (!catalog.isAlive()) {
            catalog = startCatalogProcess();
            TestProcesses.awaitReady(catalog);
        }
    }

    private static ServiceProcess startCatalogProcess() {
        return TestProcesses.service(ServiceSchema.CATALOG).name("catalog-service-for-orders").port(catalogPort)
                .trustTokensFrom(users.uri()).start();
    }
}
