package dev.shop.user.api;

import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import dev.shop.common.web.PublicLinks;
import dev.shop.common.web.Responses;
import dev.shop.user.domain.Account;
import dev.shop.user.domain.Accounts;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

@Path("/api/users")
@Tag(name = "Users", description = "Registration and the signed-in user's account")
public class UserResource {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final Accounts accounts;
    private final JsonWebToken token;
    private final PublicLinks links;

    UserResource(Accounts accounts, JsonWebToken token, PublicLinks links) {
        this.accounts = accounts;
        this.token = token;
        this.links = links;
    }

    @POST
    public RestResponse<UserResponse> register(@Valid @NotNull RegistrationRequest body) {
        if (body.password().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw ProblemException.invalidField("password", "must be at most " + BCRYPT_MAX_BYTES + " bytes long");
        }
        Account account = accounts.register(body.email(), body.name(), body.password());
        return Responses.created(links.to("api/users/{id}", account.id()), UserResponse.from(account));
    }

    @GET
    @Path("me")
    @Authenticated
    public RestResponse<MeResponse> me() {
        return RestResponse.ok(MeResponse.from(signedIn()));
    }

    /** An account, for itself or an administrator; to anyone else it does not exist. */
    @GET
    @Path("{id}")
    @Authenticated
    public RestResponse<UserResponse> get(@RestPath UUID id) {
        Account caller = signedIn();
        if (!caller.id().equals(id) && !caller.isAdmin()) {
            throw ProblemException.notFound("No account has the id " + id + ".");
        }
        return accounts.find(id)
                .map(a -> RestResponse.ok(UserResponse.from(a)))
                .orElseThrow(() -> ProblemException.notFound("No account has the id " + id + "."));
    }

    private Account signedIn() {
        return accounts.find(UUID.fromString(token.getSubject()))
                .orElseThrow(() -> ProblemType.UNAUTHORIZED.exception(
                        "The account this token was issued to no longer exists."));
    }
}
