package org.countersign.core.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static long timePart(String id) {
        String body = id.substring(id.indexOf('_') + 1);
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = millis * 32 + ALPHABET.indexOf(body.charAt(i));
        }
        return millis;
    }

    private static void waitForNextMillisecond() throws InterruptedException {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now) {
            Thread.sleep(2);
        }
    }

    @Test
    void anIdIsThePrefixAndTwentySixCrockfordCharacters() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Ids.next("usr")).matches("usr_[0-9A-HJKMNP-TV-Z]{26}");
        }
        assertThat(Ids.next("key")).startsWith("key_").hasSize(4 + 26);
    }

    @Test
    void theFirstTenCharactersAreTheCreationMillisecond() {
        long before = System.currentTimeMillis();
        String id = Ids.next("ws");
        long after = System.currentTimeMillis();

        assertThat(timePart(id)).isBetween(before, after);
    }

    @Test
    void idsFromLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
        String previous = Ids.next("usr");
        for (int i = 0; i < 20; i++) {
            waitForNextMillisecond();
            String next = Ids.next("usr");
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void idsMadeOneAfterAnotherSortInThatOrderEvenWithinAMillisecond() {
        String previous = Ids.next("evt");
        for (int i = 0; i < 10_000; i++) {
            String next = Ids.next("evt");
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void tenThousandIdsHaveNoDuplicates() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next("usr"));
        }
        assertThat(ids).hasSize(10_000);
    }
}
