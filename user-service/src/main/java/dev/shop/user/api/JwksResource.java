package dev.shop.user.api;

import dev.shop.user.domain.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jose4j.jwk.JsonWebKey;

import java.util.List;
import java.util.Map;

/** The public keys every service verifies tokens with (RFC 7517 JWK Set). */
@Path("/.well-known/jwks.json")
@Tag(name = "Authentication")
public class JwksResource {

    public record JwkSet(List<Map<String, Object>> keys) {
    }

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    public RestResponse<JwkSet> keySet() {
        List<Map<String, Object>> published = keys.published().stream()
                .map(jwk -> jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .toList();
        return RestResponse.ResponseBuilder.ok(new JwkSet(published))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .build();
    }
}
