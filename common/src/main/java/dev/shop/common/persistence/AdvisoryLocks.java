package dev.shop.common.persistence;

import jakarta.persistence.EntityManager;

/**
 * PostgreSQL advisory locks, one way in every service: held until the current transaction ends,
 * under one key scheme, {@code hashtextextended('<scope>:<key>', 0)} (a 64-bit hash).
 *
 * <p>Only transaction-scoped locks ({@code pg_advisory_xact_lock}), never session locks: a
 * transaction pooler (PgBouncer in transaction mode) will sit in front of PostgreSQL, and it hands
 * the server connection to another client after every transaction. A session lock would stay with
 * that server connection, held for whoever gets it next and never released by its owner; a
 * transaction lock ends with the transaction that took it, commit or rollback, whoever runs next.
 *
 * <p>The scope names what is locked ({@code catalog.reservation}, {@code users.signing-key}), so
 * that equal keys of different things never wait for each other (except on a rare hash collision,
 * which only makes someone wait, never lets two in). Use it from a repository:
 * {@code AdvisoryLocks.lock(getEntityManager(), "catalog.reservation", id.toString())}.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /**
     * Waits until no other transaction holds this lock, then holds it until the current
     * transaction commits or rolls back. Must run inside a transaction.
     *
     * @param scope what kind of thing is locked; no {@code :} in it
     * @param key   which one
     */
    public static void lock(EntityManager db, String scope, String key) {
        if (scope.isBlank() || scope.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an advisory lock's scope is a non-blank name without ':'");
        }
        db.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", scope + ":" + key)
                .getSingleResult();
    }

    /** The lock of a scope that has one thing only (the start-up set-up of something, say). */
    public static void lock(EntityManager db, String scope) {
        lock(db, scope, "");
    }
}
