package dev.shop.gateway;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestProcesses;
import dev.shop.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The backends of {@link GatewayEdgeTest}: a real user-service process, from its packaged
 * application (signing with the test key, so that tokens it issues and {@link TestTokens}' are
 * both accepted), for everything about logins; and a {@link StandInBackend} as catalog-service, to
 * show what the gateway forwards. order-service is not there.
 */
public class EdgeBackends implements QuarkusTestResourceLifecycleManager {

    private static ServiceProcess users;
    private static StandInBackend catalog;

    @Override
    public Map<String, String> start() {
        users = TestProcesses.service(ServiceSchema.USERS).name("user-service-for-gateway")
                .env("SHOP_JWT_SIGNING_KEY", TestTokens.privateKeyPem())
                // The least bcrypt allows: a hundred logins are about the gateway, not about hashing.
                .env("SHOP_PASSWORD_BCRYPT_COST", "4")
                .start();
        catalog = new StandInBackend();
        TestProcesses.awaitReady(users);
        // The stand-in answers readiness (any GET) 200 on its one port.
        return Map.of(
                "shop.backend.users.host", users.uri().getHost(),
                "shop.backend.users.port", Integer.toString(users.port()),
                "shop.backend.users.management-port", Integer.toString(users.managementUri().getPort()),
                "shop.backend.catalog.host", catalog.host(),
                "shop.backend.catalog.port", Integer.toString(catalog.port()),
                "shop.backend.catalog.management-port", Integer.toString(catalog.port()),
                "shop.backend.orders.port", Integer.toString(ServiceProcess.freePort()));
    }

    @Override
    public void stop() {
        TestProcesses.stop(users);
        if (catalog != null) {
            catalog.close();
        }
    }

    static StandInBackend catalog() {
        return catalog;
    }

    /** user-service's one replica, as the gateway's load balancer names it (host:port). */
    static String usersReplica() {
        return users.uri().getHost() + ":" + users.port();
    }

    /** catalog-service's one replica, the stand-in, as the gateway's load balancer names it. */
    static String catalogReplica() {
        return catalog.host() + ":" + catalog.port();
    }
}
