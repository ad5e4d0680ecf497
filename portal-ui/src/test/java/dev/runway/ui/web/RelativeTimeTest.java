package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The words, boundaries and markup of {@link RelativeTime}, seen from a fixed now. */
class RelativeTimeTest {
    static final Instant NOW = Instant.parse("2026-12-07T17:03:12Z");
    final RelativeTime time = new RelativeTime(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} s from now reads \"{1}\"")
    @CsvSource({
            "0, just now",
            "44, just now",
            "-44, just now",
            "45, in 1 min",
            "-45, 1 min ago",
            "119, in 1 min",
            "120, in 2 min",
            "-300, 5 min ago",
            "3599, in 59 min",
            "-3599, 59 min ago",
            "3600, in 1 h",
            "-3600, 1 h ago",
            "82800, in 23 h",
            // 23 h 59 min 59 s still reads 23 h: rounded down, a deadline never reads later than it is.
            "86399, in 23 h",
            "86400, in 24 h",
            "172799, in 47 h",
            "-172799, 47 h ago",
            "172800, in 2 days",
            "-172800, 2 days ago",
            "259200, in 3 days",
            "2591999, in 29 days",
            "-2591999, 29 days ago",
            // From 30 days on, the UTC date.
            "2592000, 2027-01-06",
            "-2592000, 2026-11-07",
    })
    void wordsFollowTheDocumentedRounding(long seconds, String words) {
        assertEquals(words, RelativeTime.inWords(NOW.plusSeconds(seconds), NOW));
    }

    @Test
    void rendersATimeElementWithTheExactInstantOnHover() {
        assertEquals("<time datetime=\"2026-12-08T16:03:12Z\" title=\"2026-12-08 16:03:12 UTC\">in 23 h</time>",
                time.relative(NOW.plus(Duration.ofHours(23))).getValue());
    }

    @Test
    void keepsSubSecondPrecisionInTheDatetimeAttribute() {
        assertEquals("<time datetime=\"2026-12-07T16:58:11.250Z\" title=\"2026-12-07 16:58:11 UTC\">5 min ago</time>",
                time.relative(Instant.parse("2026-12-07T16:58:11.250Z")).getValue());
    }

    @Test
    void offsetDateTimesAndIsoStringsAreTheSameInstant() {
        String expected = "<time datetime=\"2026-12-05T17:03:12Z\" title=\"2026-12-05 17:03:12 UTC\">2 days ago</time>";
        assertEquals(expected, time.relative(OffsetDateTime.parse("2026-12-05T19:03:12+02:00")).getValue());
        assertEquals(expected, time.relative(NOW.minus(Duration.ofDays(2)).atZone(ZoneId.of("Europe/Berlin"))).getValue());
        assertEquals(expected, time.relative("2026-12-05T17:03:12Z").getValue());
        assertEquals(expected, time.relative("2026-12-05T18:03:12+01:00").getValue());
    }

    @Test
    void nullIsThePlaceholderAndAnythingElseIsEscapedText() {
        assertEquals("—", time.relativeOr(null, "—").getValue());
        assertEquals("", time.relative(null).getValue());
        assertEquals("never &lt;set&gt;", time.relativeOr(null, "never <set>").getValue());
        assertEquals("soon &amp; &quot;later&quot;", time.relative("soon & \"later\"").getValue());
        assertNull(RelativeTime.instantOf(42));
    }

    @Test
    void theWordsFollowTheClock() {
        Instant at = Instant.parse("2026-12-08T16:03:12Z");
        RelativeTime later = new RelativeTime(Clock.fixed(at.plusSeconds(600), ZoneOffset.UTC));
        assertEquals("<time datetime=\"2026-12-08T16:03:12Z\" title=\"2026-12-08 16:03:12 UTC\">10 min ago</time>",
                later.relative(at).getValue());
    }
}
