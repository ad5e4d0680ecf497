package dev.runway.access.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Searches the audit log in a stable order (seq, newest first) with keyset pagination: a page continues strictly
 * below the last seq seen, so concurrent appends never shift or repeat rows. Each filter has an index on
 * (column, seq), so a filtered page is one index range scan.
 */
@ApplicationScoped
public class AuditQueryService {
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final AuditRepository repository;

    public AuditQueryService(AuditRepository repository) {
        this.repository = repository;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditPage page(AuditQuery query, Long beforeSeq, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(query, beforeSeq, args);
        args.add(limit + 1);
        List<AuditRecordView> items = new ArrayList<>(limit + 1);
        // The page's seqs are found first, from the indexes alone where they suffice, and only the page's rows are
        // fetched. A resource prefix is ordered by "seq + 0" on purpose: PostgreSQL would otherwise walk the primary
        // key backwards and filter, which is fast only if the resource had recent events — its estimate assumes
        // events are spread evenly, and an entity that is quiet while others are busy makes it scan most of the
        // table. The (resource, seq) index read instead costs the prefix's own number of events.
        String order = query.resourcePrefix() != null ? "seq + 0" : "seq";
        try (Connection c = repository.connection(); PreparedStatement s = c.prepareStatement("SELECT "
                + AuditRepository.COLUMNS + " FROM audit_record WHERE seq IN (SELECT seq FROM audit_record" + where
                + " ORDER BY " + order + " DESC LIMIT ?) ORDER BY seq DESC")) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(AuditRepository.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the audit log", e);
        }
        if (items.size() <= limit) {
            return new AuditPage(items, null);
        }
        List<AuditRecordView> page = items.subList(0, limit);
        return new AuditPage(List.copyOf(page), page.get(limit - 1).seq());
    }

    /** Streams every matching record, newest first, to {@code sink}, through a server-side cursor. */
    @Transactional // the cursor (fetch size) needs a transaction
    public void export(AuditQuery query, Consumer<AuditRecordView> sink) {
        List<Object> args = new ArrayList<>();
        String where = where(query, null, args);
        try (Connection c = repository.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + AuditRepository.COLUMNS + " FROM audit_record" + where + " ORDER BY seq DESC")) {
            s.setFetchSize(EXPORT_FETCH_SIZE);
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(AuditRepository.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export the audit log", e);
        }
    }

    private static String where(AuditQuery q, Long beforeSeq, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        equal(conditions, args, "actor", q.actor());
        equal(conditions, args, "actor", q.onlyActor());
        equal(conditions, args, "action", q.action());
        equal(conditions, args, "outcome", q.outcome());
        equal(conditions, args, "source_service", q.source());
        if (q.team() != null) {
            conditions.add("actor_teams @> ARRAY[?]::text[]");
            args.add(q.team());
        }
        if (q.resourcePrefix() != null) {
            conditions.add("resource LIKE ?");
            args.add(q.resourcePrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.from() != null) {
            conditions.add("occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            conditions.add("occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (beforeSeq != null) {
            conditions.add("seq < ?");
            args.add(beforeSeq);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void equal(List<String> conditions, List<Object> args, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            args.add(value);
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
