package dev.runway.common.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises, anywhere in a cause chain, that the database server could not be reached or went away
 * (restart, failover, network): the request did not happen and may be retried, so the caller gets a 503
 * instead of an internal error. Hibernate and the transaction manager wrap the JDBC exception several
 * levels deep, which is why the whole chain is searched; a commit that fails because the server went away
 * surfaces as a RollbackException whose JDBC cause hangs off a suppressed XAException, so suppressed
 * exceptions are searched as well ({@link CauseChain}).
 */
final class DatabaseUnavailable {
    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable e) {
        return CauseChain.contains(e, t -> t instanceof SQLException sql && isConnectionFailure(sql));
    }

    private static boolean isConnectionFailure(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            // The pool's acquisition timeout carries no SQL state: no connection could be had in time.
            return e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().startsWith("io.agroal.pool.");
        }
        // Class 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or is starting.
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
