package dev.runway.launcher.load;

/**
 * A scenario whose platform phase is a closed loop of clients, each sending the next request of its workload as
 * soon as the previous one is answered, until the budget is spent.
 */
public abstract class ClosedLoopScenario extends Scenario {
    @Override
    public Measurements runPlatform(Context ctx) throws Exception {
        return Runner.run(ctx.clients, ctx.budget(), 42, workload(ctx));
    }

    /** What each client sends next. */
    protected abstract Runner.Workload workload(Context ctx) throws Exception;
}
