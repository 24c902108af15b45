package dev.shop.user.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record RegistrationRequest(
        @NotBlank @Size(max = 254) @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be an email address")
        String email,
        // bcrypt reads at most 72 bytes; UserResource also checks the length in bytes.
        @NotNull @Size(min = 10, max = 72) String password,
        @NotBlank @Size(max = 100) String name) {

    @Override
    public String toString() {
        return "RegistrationRequest[email=" + email + ", name=" + name + ", password=***]";
    }
}
