package dev.shop.user.domain;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Salted bcrypt hashes, made and checked by WildFly Elytron, on a bounded pool.
 *
 * <p>bcrypt is slow on purpose, so a flood of logins would otherwise have every request share the
 * CPU with all the others and every answer come late. Instead at most
 * {@code shop.password.pool-size} hashes and checks run at once, {@code shop.password.queue-size}
 * more wait their turn, and beyond that the shop is busy: an answer at once (503, Retry-After)
 * rather than one more in the pile. One SmallRye Fault Tolerance bulkhead guards them all.
 */
@ApplicationScoped
public class Passwords {

    private static final Provider ELYTRON = new WildFlyElytronPasswordProvider();
    private static final TypeLiteral<CompletionStage<String>> A_HASH = new TypeLiteral<>() {
    };
    private static final TypeLiteral<CompletionStage<Boolean>> A_CHECK = new TypeLiteral<>() {
    };

    private final int cost;
    /**
     * The threads bcrypt runs on: its own, which carry no context from the caller. (The fault
     * tolerance's default threads would carry the caller's transaction along, which then cannot
     * commit while another thread is still associated with it.)
     */
    private final ExecutorService bcryptThreads;
    private final Guard bcryptPool;
    /** Checked when no account has the address, so that a wrong address takes as long as a wrong password. */
    private final String decoy;

    Passwords(UserSettings.PasswordHashing settings) {
        this.cost = settings.bcryptCost();
        int poolSize = settings.poolSize();
        int queueSize = settings.queueSize();
        this.bcryptThreads = Executors.newFixedThreadPool(poolSize,
                Thread.ofPlatform().name("bcrypt-", 1).daemon(true).factory());
        // The bulkhead holds the queue and hands the pool at most poolSize checks at a time; the
        // caller waits for the answer.
        this.bcryptPool = Guard.create()
                .withDescription("bcrypt")
                .withBulkhead().limit(poolSize).queueSize(queueSize).done()
                .withThreadOffload(true)
                .withThreadOffloadExecutor(bcryptThreads)
                .build();
        this.decoy = bcryptHash("decoy password, never anyone's");
    }

    /** Checks already handed to the pool finish (their callers are waiting); nothing new starts. */
    @PreDestroy
    void stop() {
        bcryptThreads.shutdown();
    }

    public String hash(String password) {
        return onPool(() -> bcryptHash(password), A_HASH);
    }

    public boolean matches(String password, String hash) {
        return onPool(() -> bcryptMatches(password, hash), A_CHECK);
    }

    /** Spends the time of a real check, for an address no account has. */
    public void checkDecoy(String password) {
        matches(password, decoy);
    }

    private <T> T onPool(Supplier<T> work, TypeLiteral<CompletionStage<T>> type) {
        try {
            return bcryptPool.get(() -> CompletableFuture.completedFuture(work.get()), type)
                    .toCompletableFuture().join();
        } catch (BulkheadException e) {
            throw busy();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BulkheadException) {
                throw busy();
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ProblemException busy() {
        Problem problem = ProblemType.BUSY.problem(
                "Too many passwords are being checked at this moment; try again in a second.");
        return new ProblemException(problem, Map.of("Retry-After", "1"));
    }

    private String bcryptHash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    private static boolean bcryptMatches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), ELYTRON);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored password hash cannot be read", e);
        }
    }
}
