package dev.runway.common.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.runway.common.policy.DecisionResource;

class EntityRefTest {

    @Test
    void entityRefParsingFollowsBackstage() {
        assertEquals("component:default/a", EntityRef.parse("Component:A").canonical());
        assertEquals("group:ns/team", EntityRef.parse("ns/team", "Group", "default").canonical());
        // a slash before the colon makes the colon part of the name
        assertEquals("group:ns/a:b", EntityRef.parse("ns/a:b", "Group", "default").canonical());
        assertEquals("had missing or empty kind",
                assertThrows(IllegalArgumentException.class,
                        () -> EntityRef.parse("ns/a")).getMessage().replaceAll(".*\" ", ""));
    }

    @Test
    void malformedRefsAreEmptyWhenTried() {
        assertEquals(Optional.empty(), EntityRef.tryParse(":a", "component", "default"));
        assertEquals(Optional.empty(), EntityRef.tryParse("", "component", "default"));
        assertEquals("component:default/shop",
                EntityRef.tryParse("shop", "component", "default").orElseThrow().canonical());
    }

    @Test
    void showsNamesAsWrittenAndComparesThemLowerCased() {
        EntityRef ref = new EntityRef("Component", "default", "Shop");
        assertEquals("component:default/Shop", ref.reference());
        assertEquals("component:default/shop", ref.canonical());
    }

    @Test
    void onlyGroupsOfTheDefaultNamespaceAreTeams() {
        assertEquals(Optional.of("payments"), EntityRef.team("group:default/payments"));
        assertEquals(Optional.empty(), EntityRef.team("group:other/payments"));
        assertEquals(Optional.empty(), EntityRef.team("user:default/alice"));
        assertEquals(Optional.empty(), EntityRef.team(null));
    }

    @Test
    void policyQuestionsNameEntitiesByTheirCanonicalRef() {
        DecisionResource resource = DecisionResource.entity(EntityRef.parse("Component:default/Payments-API"),
                "payments");
        assertEquals("entity:component:default/payments-api", resource.id());
        assertEquals(Optional.of(new EntityRef("component", "default", "payments-api")), resource.entityRef());
        assertEquals(Optional.empty(), DecisionResource.AUDIT_LOG.entityRef());
    }
}
