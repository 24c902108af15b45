package dev.shop.user.api;

import dev.shop.user.domain.Account;

import java.util.UUID;

public record UserResponse(UUID id, String email, String name) {

    static UserResponse from(Account account) {
        return new UserResponse(account.id(), account.email(), account.name());
    }
}
