package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Walks a paginated list by its nextCursor, so that a test sees every item and not just the first page. */
public final class Pages {
    private Pages() {
    }

    /** Every item of the list at {@code path}, page by page of {@code limit}, in list order. */
    public static List<Map<String, Object>> all(String token, String path, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(path).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> pageItems = page.getList("items");
            assertTrue(pageItems.size() <= limit, path + " answered more than " + limit + " items");
            cursor = page.getString("nextCursor");
            assertTrue(cursor == null || pageItems.size() == limit, path + " answered a short page before the last");
            items.addAll(pageItems);
        } while (cursor != null);
        return items;
    }
}
