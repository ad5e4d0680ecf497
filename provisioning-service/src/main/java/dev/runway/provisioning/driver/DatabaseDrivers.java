package dev.runway.provisioning.driver;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The driver of each database template id. */
@ApplicationScoped
public class DatabaseDrivers {
    private final Map<String, DatabaseDriver> byEngine;

    public DatabaseDrivers(Instance<DatabaseDriver> drivers) {
        this.byEngine = drivers.stream().collect(Collectors.toUnmodifiableMap(DatabaseDriver::engine, Function.identity()));
    }

    /** Whether databases of this engine can be provisioned: it has a driver and the driver a server. */
    public boolean available(String engine) {
        DatabaseDriver d = byEngine.get(engine);
        return d != null && d.configured();
    }

    public DatabaseDriver forEngine(String engine) {
        DatabaseDriver d = byEngine.get(engine);
        if (d == null) {
            throw new ExternalFailure("no driver for engine '" + engine + "'", false, null);
        }
        return d;
    }
}
