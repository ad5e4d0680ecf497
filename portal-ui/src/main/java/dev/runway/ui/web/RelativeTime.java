package dev.runway.ui.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.qute.RawString;

/**
 * Instants as people read them, for templates: {@code {inject:time.relative(r.expiresAt)}} renders
 * {@code <time datetime="2026-12-08T16:03:12Z" title="2026-12-08 16:03:12 UTC">in 23 h</time>}; the words are
 * computed on the server when the page is rendered, from the injected {@link Clock}, so tests can fix "now".
 * Accepts {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} and ISO-8601 strings (an instant or a date
 * time with an offset), which are all the page models carry; {@link #relativeOr} renders a placeholder for null.
 *
 * <p>Rounding, with d the distance between the instant and now, always rounded down (so "in 23 h" may be 23 h 59 min
 * away: a deadline never reads later than it is):
 * <ul>
 * <li>d &lt; 45 s: "just now", either side of now;</li>
 * <li>d &lt; 60 min: whole minutes, at least 1: "in 5 min", "5 min ago";</li>
 * <li>d &lt; 48 h: whole hours: "in 23 h", "1 h ago";</li>
 * <li>d &lt; 30 days: whole days (2 or more): "in 3 days", "2 days ago";</li>
 * <li>beyond: the UTC date, "2027-03-01", since a count of days that far away tells nobody anything.</li>
 * </ul>
 * The exact instant is always in the title (shown on hover) and, machine-readable, in the datetime attribute.
 */
@Named("time")
@ApplicationScoped
public class RelativeTime {
    static final Duration JUST_NOW = Duration.ofSeconds(45);
    static final Duration MINUTES_UNTIL = Duration.ofHours(1);
    static final Duration HOURS_UNTIL = Duration.ofHours(48);
    static final Duration DAYS_UNTIL = Duration.ofDays(30);

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Clock clock;

    public RelativeTime(Clock clock) {
        this.clock = clock;
    }

    /** The instant as a {@code <time>} element with words relative to now; empty for null. */
    public RawString relative(Object value) {
        return relativeOr(value, "");
    }

    /** As {@link #relative}, or the placeholder (escaped) when there is no instant. */
    public RawString relativeOr(Object value, String placeholder) {
        if (value == null) {
            return new RawString(escape(placeholder));
        }
        Instant at = instantOf(value);
        if (at == null) {
            // Not an instant after all: show what the service sent, as text.
            return new RawString(escape(value.toString()));
        }
        return new RawString("<time datetime=\"" + at + "\" title=\"" + EXACT.format(at) + "\">"
                + inWords(at, clock.instant()) + "</time>");
    }

    /** The words for {@code at} seen from {@code now}, by the rules in the class comment. */
    static String inWords(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        boolean future = !d.isNegative();
        Duration abs = d.abs();
        String amount;
        if (abs.compareTo(JUST_NOW) < 0) {
            return "just now";
        } else if (abs.compareTo(MINUTES_UNTIL) < 0) {
            amount = Math.max(1, abs.toMinutes()) + " min";
        } else if (abs.compareTo(HOURS_UNTIL) < 0) {
            amount = abs.toHours() + " h";
        } else if (abs.compareTo(DAYS_UNTIL) < 0) {
            amount = abs.toDays() + " days";
        } else {
            return DATE.format(at);
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** The instant a page model's value stands for, or null when it is no date and time. */
    static Instant instantOf(Object value) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        } else if (value instanceof CharSequence s) {
            String text = s.toString().strip();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException notADateTime) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
