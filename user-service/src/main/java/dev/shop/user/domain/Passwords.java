package dev.shop.user.domain;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.Provider;

/** Salted bcrypt hashes, made and checked by WildFly Elytron. */
@ApplicationScoped
public class Passwords {

    private static final Provider ELYTRON = new WildFlyElytronPasswordProvider();

    private final int cost;
    /** Checked when no account has the address, so that a wrong address takes as long as a wrong password. */
    private final String decoy;

    Passwords(@ConfigProperty(name = "shop.password.bcrypt-cost") int cost) {
        this.cost = cost;
        this.decoy = hash("decoy password, never anyone's");
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), ELYTRON);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored password hash cannot be read", e);
        }
    }

    /** Spends the time of a real check, for an address no account has. */
    public void checkDecoy(String password) {
        matches(password, decoy);
    }
}
