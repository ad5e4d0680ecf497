package dev.runway.catalog.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads a realistic synthetic catalog straight into the catalog schema (server-side generate_series, so 100k
 * entities take seconds): 300 team Groups; Systems, APIs, Resources and Components in the proportions of a
 * mid-size company (5/15/15/65 %), each owned by a team, part of a system, with tags and descriptions drawn from
 * a domain vocabulary; every component provides one API, consumes two and depends on two resources. Relations are
 * stored in both directions exactly as the service stores them (about 10 rows per entity: 1M for 100k).
 */
public final class CatalogSeeder {
    static final int TEAMS = 300;
    static final String WORDS = "ARRAY['payments','checkout','search','index','ledger','billing','invoice','catalog',"
            + "'inventory','shipping','order','cart','profile','auth','token','session','notification','email','sms',"
            + "'report','analytics','metrics','logging','audit','pricing','discount','coupon','recommendation','review',"
            + "'rating','media','image','video','upload','storage','cache','queue','stream','scheduler','gateway']";

    private CatalogSeeder() {
    }

    /** Counts per kind for a catalog of {@code n} entities. */
    record Shape(int systems, int apis, int resources, int components) {
        static Shape of(int n) {
            int systems = Math.max(1, n * 5 / 100);
            int apis = Math.max(1, n * 15 / 100);
            int resources = Math.max(1, n * 15 / 100);
            return new Shape(systems, apis, resources, Math.max(1, n - TEAMS - systems - apis - resources));
        }
    }

    static Shape seed(Connection c, int n) throws SQLException {
        Shape s = Shape.of(n);
        try (Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
            insert(st, "group", "team-' || i || '", TEAMS, "'team'", "NULL", "NULL", "NULL",
                    "jsonb_build_object('type','team','children','[]'::jsonb)", "'Team ' || i");
            insert(st, "system", "system-' || i || '", s.systems, "NULL", "NULL", owner(), "NULL",
                    "jsonb_build_object('owner', 'team-' || (i % " + TEAMS + "))", description());
            insert(st, "api", "api-' || i || '", s.apis, "(ARRAY['openapi','grpc','asyncapi','graphql'])[1 + i % 4]",
                    lifecycle(), owner(), system(s),
                    "jsonb_build_object('type', (ARRAY['openapi','grpc','asyncapi','graphql'])[1 + i % 4], 'lifecycle', "
                            + lifecycle() + ", 'owner', 'team-' || (i % " + TEAMS + "), 'system', 'system-' || (i % "
                            + s.systems + "), 'definition', 'openapi: 3.0.0')",
                    description());
            insert(st, "resource", "resource-' || i || '", s.resources,
                    "(ARRAY['database','s3-bucket','queue','cache'])[1 + i % 4]", "NULL", owner(), system(s),
                    "jsonb_build_object('type', (ARRAY['database','s3-bucket','queue','cache'])[1 + i % 4], 'owner', "
                            + "'team-' || (i % " + TEAMS + "), 'system', 'system-' || (i % " + s.systems + "))",
                    description());
            insert(st, "component", "component-' || i || '", s.components,
                    "(ARRAY['service','website','library'])[1 + i % 3]", lifecycle(), owner(), system(s),
                    "jsonb_build_object('type', (ARRAY['service','website','library'])[1 + i % 3], 'lifecycle', "
                            + lifecycle() + ", 'owner', 'team-' || (i % " + TEAMS + "), 'system', 'system-' || (i % "
                            + s.systems + "), 'providesApis', jsonb_build_array('api-' || (i % " + s.apis + ")),"
                            + " 'consumesApis', jsonb_build_array('api-' || ((i * 7 + 1) % " + s.apis + "), 'api-' || ((i * 13 + 2) % "
                            + s.apis + ")), 'dependsOn', jsonb_build_array('resource:resource-' || (i % " + s.resources
                            + "), 'resource:resource-' || ((i * 3 + 1) % " + s.resources + ")))",
                    description());
            // Relations, both directions, origin = the entity whose spec names them.
            relations(st, "system", s.systems, "('ownedBy', 'group:default/team-' || (i % " + TEAMS + "))");
            relations(st, "api", s.apis, "('ownedBy', 'group:default/team-' || (i % " + TEAMS + ")), ('partOf', "
                    + "'system:default/system-' || (i % " + s.systems + "))");
            relations(st, "resource", s.resources, "('ownedBy', 'group:default/team-' || (i % " + TEAMS + ")), "
                    + "('partOf', 'system:default/system-' || (i % " + s.systems + "))");
            relations(st, "component", s.components, "('ownedBy', 'group:default/team-' || (i % " + TEAMS + ")), "
                    + "('partOf', 'system:default/system-' || (i % " + s.systems + ")), "
                    + "('providesApi', 'api:default/api-' || (i % " + s.apis + ")), "
                    + "('consumesApi', 'api:default/api-' || ((i * 7 + 1) % " + s.apis + ")), "
                    + "('consumesApi', 'api:default/api-' || ((i * 13 + 2) % " + s.apis + ")), "
                    + "('dependsOn', 'resource:default/resource-' || (i % " + s.resources + ")), "
                    + "('dependsOn', 'resource:default/resource-' || ((i * 3 + 1) % " + s.resources + "))");
            // What autovacuum does to a live catalog soon after a bulk load: statistics and the visibility map.
            st.execute("VACUUM ANALYZE entity");
            st.execute("VACUUM ANALYZE entity_relation");
        }
        return s;
    }

    /**
     * Delivery events for the scorecard and DORA benchmark. Component i belongs to team i % 300, so the blocks
     * i / 300 spread evenly over the teams: components of even blocks (half of every team's) get one production
     * deployment in the last 30 days, at least 6 hours ago, with a commit 3 hours before it (one in five failed, one
     * in seven rework); those of every twentieth block (a tenth of the deployments) an incident resolved after 1-4
     * hours. Returns the number of deployments.
     */
    static int seedDeliveries(Connection c, Shape s) throws SQLException {
        try (Statement st = c.createStatement()) {
            int deployments = st.executeUpdate("""
                    INSERT INTO deployment (id, external_id, entity_ref, environment, version, commit_times,
                        earliest_commit, started_at, finished_at, status, rework, recorded_at, recorded_by)
                    SELECT gen_random_uuid(), 'bench-' || i, 'component:default/component-' || i, 'production', '1.0.' || i,
                        ARRAY[now() - ((6 + i %% 714) || ' hours')::interval - interval '3 hours'],
                        now() - ((6 + i %% 714) || ' hours')::interval - interval '3 hours',
                        now() - ((6 + i %% 714) || ' hours')::interval - interval '10 minutes',
                        now() - ((6 + i %% 714) || ' hours')::interval,
                        CASE WHEN (i / %2$d) %% 10 = 4 THEN 'failure' ELSE 'success' END, i %% 7 = 0, now(), 'seeder'
                    FROM generate_series(0, %1$d - 1) AS i WHERE (i / %2$d) %% 2 = 0
                    """.formatted(s.components(), TEAMS));
            st.execute("""
                    INSERT INTO incident (id, external_id, entity_ref, severity, opened_at, resolved_at,
                        caused_by_deployment, recorded_at, recorded_by)
                    SELECT gen_random_uuid(), 'bench-incident-' || i, 'component:default/component-' || i, 'sev2',
                        now() - ((6 + i %% 714) || ' hours')::interval + interval '1 hour',
                        now() - ((6 + i %% 714) || ' hours')::interval + ((2 + i %% 4) || ' hours')::interval,
                        'bench-' || i, now(), 'seeder'
                    FROM generate_series(0, %1$d - 1) AS i WHERE (i / %2$d) %% 20 = 0
                    """.formatted(s.components(), TEAMS));
            st.execute("VACUUM ANALYZE deployment");
            st.execute("VACUUM ANALYZE incident");
            return deployments;
        }
    }

    private static String owner() {
        return "'group:default/team-' || (i % " + TEAMS + ")";
    }

    private static String lifecycle() {
        return "(ARRAY['production','experimental','deprecated'])[1 + i % 3]";
    }

    private static String system(Shape s) {
        return "'system:default/system-' || (i % " + s.systems() + ")";
    }

    private static String description() {
        return "'Handles ' || (" + WORDS + ")[1 + (i * 7) % 40] || ' and ' || (" + WORDS + ")[1 + (i * 13) % 40]";
    }

    private static void insert(Statement st, String kind, String nameExpr, int count, String type, String lifecycle,
            String owner, String system, String spec, String description) throws SQLException {
        String wireKind = switch (kind) {
            case "api" -> "API";
            default -> Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        };
        String name = "'" + nameExpr + "'";
        String tags = "ARRAY[(" + WORDS + ")[1 + i % 40], (ARRAY['java','go','python','node','rust'])[1 + i % 5]]";
        st.execute("""
                INSERT INTO entity (id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags, labels,
                    body, search_text, etag, version, created_at, created_by, updated_at, updated_by)
                SELECT gen_random_uuid(), '%1$s:default/' || %2$s, '%1$s', 'default', %2$s, %3$s, %4$s, %5$s, %6$s,
                    %7$s, jsonb_build_object('tier', (ARRAY['gold','silver','bronze'])[1 + i %% 3]),
                    jsonb_build_object('apiVersion', 'backstage.io/v1alpha1', 'kind', '%8$s',
                        'metadata', jsonb_build_object('name', %2$s, 'namespace', 'default', 'description', %9$s,
                            'tags', to_jsonb(%7$s), 'labels', jsonb_build_object('tier', (ARRAY['gold','silver','bronze'])[1 + i %% 3])),
                        'spec', %10$s),
                    %2$s || ' ' || %9$s || ' ' || array_to_string(%7$s, ' '),
                    md5(i::text), 1, now(), 'seeder', now() - (i || ' seconds')::interval, 'seeder'
                FROM generate_series(0, %11$d - 1) AS i
                """.formatted(kind, name, type, lifecycle, owner, system, tags, wireKind, description, spec, count));
    }

    private static void relations(Statement st, String kind, int count, String values) throws SQLException {
        st.execute("""
                INSERT INTO entity_relation (source_ref, type, target_ref, origin_ref)
                SELECT x.source_ref, x.type, x.target_ref, x.origin FROM (
                    SELECT '%1$s:default/%1$s-' || i AS origin, v.type, v.target FROM generate_series(0, %2$d - 1) AS i,
                    LATERAL (VALUES %3$s) AS v(type, target)) r,
                LATERAL (VALUES (r.origin, r.type, r.target, r.origin),
                    (r.target, CASE r.type WHEN 'ownedBy' THEN 'ownerOf' WHEN 'partOf' THEN 'hasPart'
                        WHEN 'providesApi' THEN 'apiProvidedBy' WHEN 'consumesApi' THEN 'apiConsumedBy'
                        WHEN 'dependsOn' THEN 'dependencyOf' END, r.origin, r.origin))
                    AS x(source_ref, type, target_ref, origin)
                ON CONFLICT DO NOTHING
                """.formatted(kind, count, values));
    }
}
