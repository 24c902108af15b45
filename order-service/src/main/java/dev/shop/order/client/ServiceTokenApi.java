package dev.shop.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** user-service's login, which order-service uses with its own service account. */
@RegisterRestClient(configKey = "users")
@Path("/api/auth")
public interface AuthApi {

    record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[email=" + email + ", password=***]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(String accessToken, long expiresIn) {
    }

    @POST
    @Path("login")
    Token login(Credentials credentials);
}
