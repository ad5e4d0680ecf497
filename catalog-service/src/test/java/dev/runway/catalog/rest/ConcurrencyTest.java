package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.BOB;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class ConcurrencyTest {

    @Test
    void twoWritersWithTheSameEtagOneWinsTheOtherGets412() throws Exception {
        String name = unique("contended");
        String path = "/api/v1/entities/component/default/" + name;
        String etag = yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201)
                .extract().header("ETag");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String[] writer : new String[][] { { ALICE, "deprecated" }, { BOB, "experimental" } }) {
                results.add(pool.submit(() -> {
                    start.await();
                    return yaml(writer[0], component(name, "payments").replace("production", writer[1]))
                            .header("If-Match", etag).put(path).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            statuses.sort(Integer::compareTo);
            assertEquals(List.of(200, 412), statuses);
        } finally {
            pool.shutdownNow();
        }
        // Exactly one new version was written.
        assertEquals(2, as(ALICE).get(path + "/history").then().statusCode(200).extract().jsonPath()
                .getList("version").size());
    }

    @Test
    void concurrentCreatesOfOneRefOneWinsTheOthersGet409() throws Exception {
        // Both writers find the ref free; the loser's insert waits on the unique index and then fails: a conflict
        // to resolve with a read and a PUT, not a server error.
        for (int round = 0; round < 5; round++) {
            String name = unique("racing");
            assertEquals(List.of(201, 409, 409, 409), racingCreates(name));
            assertEquals(1, as(ALICE).get("/api/v1/entities/component/default/" + name + "/history").then()
                    .statusCode(200).extract().jsonPath().getList("version").size());
        }
    }

    @Test
    void concurrentReRegistrationsOfADeletedEntityOneWinsTheOthersGet409() throws Exception {
        // The tombstone exists, so there is no unique violation to decide this race: the row lock does.
        for (int round = 0; round < 5; round++) {
            String name = unique("reborn");
            String path = "/api/v1/entities/component/default/" + name;
            yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
            as(ALICE).delete(path).then().statusCode(204);
            assertEquals(List.of(201, 409, 409, 409), racingCreates(name));
            assertEquals(List.of(3, 2, 1), as(ALICE).get(path + "/history").then().statusCode(200).extract()
                    .jsonPath().getList("version", Integer.class));
        }
    }

    /** Four creates of the same component at once; their statuses, sorted. */
    private static List<Integer> racingCreates(String name) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return yaml(ALICE, component(name, "payments")).post("/api/v1/entities").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            statuses.sort(Integer::compareTo);
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFirstWritesOfANewPersonAllSucceed() throws Exception {
        // The first write of a person registers them (and their teams) in the catalog: concurrent first writes
        // used to race on that insert, and all but one failed with a unique violation (500).
        String team = unique("team");
        String token = TestTokens.user(unique("newcomer"), List.of(team, unique("other")), "developer");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = unique("first");
                results.add(pool.submit(() -> {
                    start.await();
                    return yaml(token, component(name, team)).post("/api/v1/entities").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(201, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
