package dev.shop.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Adds {@code X-Served-By: <service>/<host name>} to every response, so that anyone looking at a
 * response (or at the storefront) can see which replica answered. A header already set is kept:
 * the gateway passes its backends' header through untouched.
 */
@jakarta.inject.Singleton
public class ServedByHeader {

    public static final String NAME = "X-Served-By";

    private final String value;

    ServedByHeader(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.value = service + "/" + hostName();
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(v -> {
                if (!rc.response().headers().contains(NAME)) {
                    rc.response().putHeader(NAME, value);
                }
            });
            rc.next();
        }, 1000);
    }

    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
