package dev.shop.common.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    @Test
    void anUnreachableOrDepartingServerIsUnavailable() {
        // pgjdbc: connection refused (08001), connection lost (08006); PgBouncer: no server (08P01).
        assertTrue(DatabaseUnavailable.causes(new SQLException("Connection refused", "08001")));
        assertTrue(DatabaseUnavailable.causes(new RuntimeException("wrapped", new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseUnavailable.causes(new SQLException("pgbouncer cannot connect to server", "08P01")));
        // PostgreSQL shutting down, starting up, out of connection slots.
        assertTrue(DatabaseUnavailable.causes(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnavailable.causes(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseUnavailable.causes(new SQLException("too many clients already", "53300")));
        // Agroal: nothing from the pool in time.
        assertTrue(DatabaseUnavailable.causes(new IllegalStateException(
                new SQLException("Acquisition timeout while waiting for new connection"))));
        assertTrue(DatabaseUnavailable.causes(new IllegalStateException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseUnavailable.causes(new SQLTransientConnectionException("gone")));
    }

    @Test
    void aRefusedStatementOrAnyOtherFailureIsNot() {
        assertFalse(DatabaseUnavailable.causes(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("no state")));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("a bug")));
    }
}
