package dev.shop.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A service asking for its token: its name ({@code order-service}) and its secret. */
public record ServiceTokenRequest(
        @NotBlank @Size(max = 63)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a service's name, such as order-service")
        String account,
        @NotNull @Size(max = 200) String secret) {

    @Override
    public String toString() {
        return "ServiceTokenRequest[account=" + account + ", secret=***]";
    }
}
