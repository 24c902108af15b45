package dev.shop.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * user-service's token endpoint for services: reached only inside the shop (the gateway never
 * routes {@code /internal}), so no public request can touch order-service's account.
 */
@RegisterRestClient(configKey = "users")
@Path("/internal/auth")
public interface ServiceTokenApi {

    record Credentials(String account, String secret) {
        @Override
        public String toString() {
            return "Credentials[account=" + account + ", secret=***]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(String accessToken, long expiresIn) {
    }

    @POST
    @Path("token")
    Token issue(Credentials credentials);
}
