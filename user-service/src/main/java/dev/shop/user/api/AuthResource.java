package dev.shop.user.api;

import dev.shop.user.domain.Login;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/auth")
@Tag(name = "Authentication")
public class AuthResource {

    private final Login login;

    AuthResource(Login login) {
        this.login = login;
    }

    /**
     * 200 with a token for the public API; 401 for a wrong address or password alike, and for a
     * service's account whatever its secret (services use POST /internal/auth/token); 429 after too
     * many failures.
     */
    @POST
    @Path("login")
    public RestResponse<TokenResponse> login(@Valid @NotNull LoginRequest body) {
        return RestResponse.ok(TokenResponse.from(login.login(body.email(), body.password())));
    }
}
