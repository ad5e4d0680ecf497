package dev.runway.provisioning.driver;

import java.sql.SQLException;

/** Translates JDBC errors at the driver boundary: SQLSTATE only, never the SQL or server message. */
final class SqlFailures {
    private SqlFailures() {
    }

    static ExternalFailure translate(String engine, String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean retryable = state.startsWith("08") // connection
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57") // operator intervention (shutdown)
                || state.startsWith("40") // serialization failure, deadlock
                || "55006".equals(state) // object in use
                || "HY000".equals(state) && e.getErrorCode() == 0; // MariaDB: no connection
        return new ExternalFailure(engine + " failed to " + what + " (SQLSTATE " + (state.isEmpty() ? "?" : state)
                + ")" + (retryable ? ", will retry" : ""), retryable, e);
    }
}
