package dev.runway.ui.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Reading a list whole follows nextCursor page by page, at the service's cap, and keeps every item once. */
class ProvisioningListsTest {
    private static final UUID REQUEST = UUID.fromString("7f1c2a4e-1111-4c1e-9a55-0d7a3e5f0001");

    /** provisioning-service's paging over {@code size} items, recording the (cursor, limit) of every call. */
    private static ProvisioningApi paged(int size, List<String> calls) {
        return (ProvisioningApi) Proxy.newProxyInstance(ProvisioningApi.class.getClassLoader(),
                new Class<?>[] { ProvisioningApi.class }, (proxy, method, args) -> {
                    String cursor = (String) args[1];
                    int limit = (Integer) args[2];
                    calls.add(method.getName() + " " + cursor + " " + limit);
                    int from = cursor == null ? 0 : Integer.parseInt(cursor);
                    int to = Math.min(size, from + limit);
                    String next = to < size ? String.valueOf(to) : null;
                    return switch (method.getName()) {
                        case "list" -> new ProvisioningApi.RequestPage(IntStream.range(from, to).mapToObj(i -> request(i))
                                .toList(), next);
                        case "events" -> new ProvisioningApi.EventPage(IntStream.range(from, to)
                                .mapToObj(i -> new ProvisioningApi.Event("S" + i, "S" + (i + 1), Instant.EPOCH, "a", null))
                                .toList(), next);
                        // Reading a list whole must use only the two list calls; anything else is a bug in it.
                        default -> throw new AssertionError("ProvisioningLists called " + method.getName());
                    };
                });
    }

    private static ProvisioningApi.Request request(int i) {
        return new ProvisioningApi.Request(new UUID(0, i), "ENVIRONMENT", "env-" + i, "payments", "ephemeral", null,
                "READY", null, null, 0, null, null, "alice", false, null, null, null, null, null, null);
    }

    @Test
    void everyEnvironmentOnceAcrossPages() {
        List<String> calls = new ArrayList<>();
        List<ProvisioningApi.Request> all = ProvisioningLists.all(paged(450, calls), "environments");
        assertEquals(IntStream.range(0, 450).mapToObj(i -> "env-" + i).toList(),
                all.stream().map(ProvisioningApi.Request::name).toList());
        assertEquals(List.of("list null 200", "list 200 200", "list 400 200"), calls);
    }

    @Test
    void aShortListIsOneCall() {
        List<String> calls = new ArrayList<>();
        assertEquals(3, ProvisioningLists.all(paged(3, calls), "databases").size());
        assertEquals(List.of("list null 200"), calls);
        calls.clear();
        assertEquals(0, ProvisioningLists.all(paged(0, calls), "databases").size());
        assertEquals(List.of("list null 200"), calls);
    }

    @Test
    void everyEventOnceInOrder() {
        List<String> calls = new ArrayList<>();
        List<ProvisioningApi.Event> events = ProvisioningLists.allEvents(paged(201, calls), REQUEST);
        assertEquals(IntStream.range(0, 201).mapToObj(i -> "S" + (i + 1)).toList(),
                events.stream().map(ProvisioningApi.Event::to).toList());
        assertEquals(List.of("events null 200", "events 200 200"), calls);
    }
}
