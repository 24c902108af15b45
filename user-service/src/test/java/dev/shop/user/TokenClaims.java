package dev.shop.user;

import io.restassured.path.json.JsonPath;

import java.util.Base64;
import java.util.List;
import java.util.Set;

/** What a token says, read from its payload as any service would see it once the signature is checked. */
record TokenClaims(JsonPath header, JsonPath payload) {

    static TokenClaims of(String token) {
        String[] parts = token.split("\\.");
        return new TokenClaims(decode(parts[0]), decode(parts[1]));
    }

    private static JsonPath decode(String part) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(part), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code aud}: a single string or an array, as RFC 7519 allows. */
    Set<String> audience() {
        Object aud = payload.get("aud");
        if (aud == null) {
            return Set.of();
        }
        return aud instanceof List<?> list ? Set.copyOf(list.stream().map(String::valueOf).toList()) : Set.of(aud.toString());
    }

    List<String> groups() {
        return payload.getList("groups", String.class);
    }

    String upn() {
        return payload.getString("upn");
    }
}
