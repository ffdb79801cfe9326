package org.countersign.core.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
        Page<String> page = Paging.page(List.of("a", "b", "c"), 2, Function.identity());

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(Paging.decode(page.next())).isEqualTo("b");
    }

    @Test
    void noExtraRowMeansNoNextPage() {
        assertThat(Paging.page(List.of("a", "b"), 2, Function.identity())).isEqualTo(new Page<>(List.of("a", "b"), null));
        assertThat(Paging.page(List.<String>of(), 2, Function.identity()).next()).isNull();
        assertThat(Paging.decode(null)).isNull();
        assertThat(Paging.decode("")).isNull();
    }

    @Test
    void aMalformedCursorIsAValidationFailure() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> Paging.decode("*not a cursor*"));

        assertThat(e.code()).isEqualTo("validation_failed");
    }
}
