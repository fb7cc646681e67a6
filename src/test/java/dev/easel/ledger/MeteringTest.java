package dev.easel.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteringTest {
    private static final Instant NOV = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void reservationIdsSortInTheOrderTheirRequestsCame() {
        List<String> ids = new ArrayList<>();
        for (int ms = 0; ms < 200; ms++) {
            ids.add(Metering.reservationId(NOV.plusMillis(ms)));
        }

        assertThat(ids).isSorted();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("rsv_[0-9a-f]{28}"));
    }

    @Test
    void reservationIdsMadeInTheSameMillisecondDiffer() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Metering.reservationId(NOV));
        }

        assertThat(ids).hasSize(1000);
    }

    @Test
    void reservationIdsKeepTheirOrderUntilTheYear10000() {
        assertThat(Metering.reservationId(Instant.parse("9999-12-31T23:59:59Z")))
                .isGreaterThan(Metering.reservationId(Instant.parse("2026-11-24T00:00:00Z")));
    }
}
