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
    /** Addresses of service accounts ({@code <service>@services.shop.internal}); nobody can register one. */
    public static final String SERVICE_DOMAIN = "services.shop.internal";

    @Id
    private UUID id;
    private String email;
    private String name;
    private String passwordHash;
    private boolean admin;
    private boolean service;
    private Instant createdAt;

    protected Account() {
    }

    private Account(String email, String name, String passwordHash, boolean admin, boolean service) {
        this.id = UUID.randomUUID();
        this.email = normalizeEmail(email);
        this.name = name;
        this.passwordHash = passwordHash;
        this.admin = admin;
        this.service = service;
        this.createdAt = Instant.now();
    }

    static Account customer(String email, String name, String passwordHash) {
        return new Account(email, name, passwordHash, false, false);
    }

    static Account administrator(String email, String passwordHash) {
        return new Account(email, "Administrator", passwordHash, true, false);
    }

    static Account service(String name, String passwordHash) {
        return new Account(serviceAddress(name), name, passwordHash, false, true);
    }

    /** The address of the account a service logs in with. */
    static String serviceAddress(String service) {
        return service + "@" + SERVICE_DOMAIN;
    }

    /** Addresses are compared without regard to case or surrounding blanks. */
    public static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The groups carried in this account's tokens. A service's account has exactly one, the
     * service's name: what another service allows it is granted to that service by name, never to
     * "any service", and never anything a customer or an administrator may do.
     */
    public List<String> roles() {
        if (service) {
            return List.of(serviceName());
        }
        return admin ? List.of(CUSTOMER, ADMIN) : List.of(CUSTOMER);
    }

    public boolean isService() {
        return service;
    }

    /** The service whose account this is: its address before the {@code @}. */
    private String serviceName() {
        return email.substring(0, email.indexOf('@'));
    }

    public static boolean isServiceAddress(String email) {
        return normalizeEmail(email).endsWith("@" + SERVICE_DOMAIN);
    }

    /** The configured administrator's password has changed. */
    void changePassword(String newPasswordHash) {
        passwordHash = newPasswordHash;
    }

    /** Makes this the account of a service, with this password hash (its secret may have changed). */
    void makeService(String newPasswordHash) {
        service = true;
        admin = false;
        passwordHash = newPasswordHash;
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
