package dev.shop.user.api;

import dev.shop.user.domain.Login;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Where the shop's own services get their tokens. Under /internal, which the gateway never routes:
 * only callers inside the shop's network can reach it, so only they could ever fail here often
 * enough to be throttled.
 */
@Path("/internal/auth")
@Tag(name = "Internal", description = "For the shop's own services only; the gateway never routes /internal")
public class ServiceAuthResource {

    private final Login login;

    ServiceAuthResource(Login login) {
        this.login = login;
    }

    /** 200 with a token for the services' APIs; 401 for an unknown account or a wrong secret alike; 429. */
    @POST
    @Path("token")
    public RestResponse<TokenResponse> token(@Valid @NotNull ServiceTokenRequest body) {
        return RestResponse.ok(TokenResponse.from(login.serviceLogin(body.account(), body.secret())));
    }
}
