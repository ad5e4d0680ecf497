package dev.runway.ui.client;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
        List<ProvisioningApi.Request> all = new ArrayList<>();
        String cursor = null;
        do {
            ProvisioningApi.RequestPage page = api.list(kind, cursor, MAX_PAGE_SIZE);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** A request's whole history, following nextCursor. */
    public static List<ProvisioningApi.Event> allEvents(ProvisioningApi api, UUID id) {
        List<ProvisioningApi.Event> all = new ArrayList<>();
        String cursor = null;
        do {
            ProvisioningApi.EventPage page = api.events(id, cursor, MAX_PAGE_SIZE);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
