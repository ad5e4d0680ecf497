package dev.runway.ui.client;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** provisioning-service's lists read whole, page after page, for views that filter the whole list. */
public final class ProvisioningLists {
    /** provisioning-service's default cap on {@code limit}: the fewest round trips. */
    public static final int MAX_PAGE_SIZE = 200;

    private ProvisioningLists() {
    }

    /**
     * Every environment or database the caller may see, following nextCursor: for views that filter the whole list
     * (the home page, an entity's resources, a database's environment choice).
     */
    public static List<ProvisioningApi.Request> all(ProvisioningApi api, String kind) {
        return follow(cursor -> api.list(kind, cursor, MAX_PAGE_SIZE), ProvisioningApi.RequestPage::items,
                ProvisioningApi.RequestPage::nextCursor);
    }

    /** A request's whole history, following nextCursor. */
    public static List<ProvisioningApi.Event> allEvents(ProvisioningApi api, UUID id) {
        return follow(cursor -> api.events(id, cursor, MAX_PAGE_SIZE), ProvisioningApi.EventPage::items,
                ProvisioningApi.EventPage::nextCursor);
    }

    private static <P, T> List<T> follow(Function<String, P> fetch, Function<P, List<T>> items,
            Function<P, String> nextCursor) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            P page = fetch.apply(cursor);
            all.addAll(items.apply(page));
            cursor = nextCursor.apply(page);
        } while (cursor != null);
        return all;
    }
}
