package dev.shop.common.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a failure means the database (or the pooler in front of it) cannot be reached or is
 * going away, rather than a request it refused: then the answer is a 503, which a client may
 * retry, and never a 500. The transaction did not commit, so nothing was half written.
 */
final class DatabaseUnavailable {

    /**
     * SQLSTATEs of an unreachable or departing server: class 08 (connection exceptions; PgBouncer
     * reports "cannot connect to server" and its wait timeouts as 08P01 too), shutdowns and
     * restarts (57P01-57P03), and no connection slot left (53300).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isUnavailableState(sql.getSQLState()) || isPoolTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /**
     * Agroal's "Acquisition timeout while waiting for new connection" (older: "Sorry, acquisition
     * timeout!"): no connection came from the pool in time, as when none can be opened.
     */
    private static boolean isPoolTimeout(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
