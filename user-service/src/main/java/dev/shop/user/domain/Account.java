package dev.shop.user.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Entity
@Table(name = "account")
public class Account {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";

    @Id
    private UUID id;
    private String email;
    private String name;
    private String passwordHash;
    private boolean admin;
    private Instant createdAt;

    protected Account() {
    }

    Account(String email, String name, String passwordHash, boolean admin) {
        this.id = UUID.randomUUID();
        this.email = normalizeEmail(email);
        this.name = name;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.createdAt = Instant.now();
    }

    /** Addresses are compared without regard to case or surrounding blanks. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** The groups carried in this account's tokens. */
    public List<String> roles() {
        return admin ? List.of(CUSTOMER, ADMIN) : List.of(CUSTOMER);
    }

    void grantAdmin() {
        admin = true;
    }

    String passwordHash() {
        return passwordHash;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public boolean isAdmin() {
        return admin;
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
