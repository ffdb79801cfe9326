package org.countersign.core.internal.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.storage.Page;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void limitDefaultsTo50AndAcceptsOneTo500() {
        assertThat(Paging.limit(null)).isEqualTo(50);
        assertThat(Paging.limit(1)).isEqualTo(1);
        assertThat(Paging.limit(500)).isEqualTo(500);
    }

    @Test
    void limitOutsideTheRangeIsAValidationFailure() {
        for (int limit : new int[] {0, -5, 501}) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> Paging.limit(limit));
            assertThat(e).as("limit " + limit).isNotNull();
            assertThat(e.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    void aPageCursorDecodesToTheLastKey() {
        Page<String> page = Paging.page("letters", List.of("a", "b", "c"), 2, Function.identity());

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(Paging.decode("letters", page.next())).isEqualTo("b");
    }

    @Test
    void noExtraRowMeansNoNextPage() {
        assertThat(Paging.page("letters", List.of("a", "b"), 2, Function.identity())).isEqualTo(new Page<>(List.of("a", "b"), null));
        assertThat(Paging.page("letters", List.<String>of(), 2, Function.identity()).next()).isNull();
        assertThat(Paging.decode("letters", null)).isNull();
        assertThat(Paging.decode("letters", "")).isNull();
    }

    @Test
    void aCursorTheServerDidNotIssueIsAValidationFailure() {
        String issued = Paging.page("letters", List.of("a", "b", "c"), 2, Function.identity()).next();
        String madeUp = Base64.getUrlEncoder().withoutPadding().encodeToString("letters\nz\n0".getBytes(UTF_8));
        String plain = Base64.getUrlEncoder().withoutPadding().encodeToString("b".getBytes(UTF_8));
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(issued), UTF_8).replace("\nb\n", "\nc\n").getBytes(UTF_8));

        for (String cursor : List.of("*not a cursor*", madeUp, plain, altered)) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class,
                    () -> Paging.decode("letters", cursor));
            assertThat(e).as(cursor).isNotNull();
            assertThat(e.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String issued = Paging.page("letters", List.of("a", "b", "c"), 2, Function.identity()).next();

        assertThat(catchThrowableOfType(BadRequestException.class, () -> Paging.decode("digits", issued))).isNotNull();
    }
}
