package dev.shop.user.api;

import dev.shop.user.domain.Account;

import java.util.List;
import java.util.UUID;

public record MeResponse(UUID id, String email, String name, List<String> roles) {

    static MeResponse from(Account account) {
        return new MeResponse(account.id(), account.email(), account.name(), account.roles());
    }
}
