package dev.shop.common.web;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;

/**
 * Links to the shop's resources as its clients reach them: under the shop's public address (the
 * gateway's), from configuration. Never from the request's {@code Host}, which a client chooses: a
 * forged one would otherwise come back in {@code Location} and send the next request elsewhere.
 */
@ApplicationScoped
public class PublicLinks {

    /** {@code shop.public.*}: where clients reach the shop. */
    @ConfigMapping(prefix = "shop.public")
    public interface Address {
        /** The shop's address as its clients know it, e.g. {@code https://shop.example}; SHOP_PUBLIC_URL. */
        URI url();
    }

    private final URI base;

    PublicLinks(Address address) {
        this.base = address.url();
    }

    /** {@code path} (a template such as {@code api/orders/{id}}) under the public address. */
    public URI to(String path, Object... values) {
        return UriBuilder.fromUri(base).path(path).build(values);
    }
}
