package dev.runway.access.rest;

import dev.runway.access.audit.AuditHashing;
import dev.runway.access.audit.AuditRecordView;

/** RFC 4180 rows of the CSV export; cells that a spreadsheet would run as a formula are neutralized. */
final class AuditCsv {
    static final String HEADER = "seq,event_id,occurred_at,recorded_at,actor,actor_teams,action,resource,outcome,"
            + "reason,source_service,request_id,client_address,details,previous_hash,hash\r\n";

    private AuditCsv() {
    }

    static String row(AuditRecordView r) {
        StringBuilder out = new StringBuilder(256);
        out.append(r.seq()).append(',');
        cell(out, r.eventId().toString()).append(',');
        cell(out, r.occurredAt().toString()).append(',');
        cell(out, r.recordedAt().toString()).append(',');
        cell(out, r.actor()).append(',');
        cell(out, String.join(";", r.actorTeams())).append(',');
        cell(out, r.action()).append(',');
        cell(out, r.resource()).append(',');
        cell(out, r.outcome()).append(',');
        cell(out, r.reason()).append(',');
        cell(out, r.sourceService()).append(',');
        cell(out, r.requestId()).append(',');
        cell(out, r.clientAddress()).append(',');
        cell(out, AuditHashing.canonicalJson(r.details())).append(',');
        cell(out, r.previousHash()).append(',');
        cell(out, r.hash());
        return out.append("\r\n").toString();
    }

    private static StringBuilder cell(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return out.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        return out.append(v);
    }
}
