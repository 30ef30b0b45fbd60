package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.graphql.Pagination.Page;
import org.loyaltygraph.graphql.Pagination.PageRequest;

class PaginationTest {

  @Test
  void aCursorDecodesToTheIdItWasMadeFromAndShowsNoId() {
    String cursor = Cursors.encode(123456789L);

    assertThat(Cursors.decode(cursor)).isEqualTo(123456789L);
    assertThat(cursor).doesNotContain("123456789");
    assertThat(Cursors.decode(Cursors.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aCursorThisServiceDidNotIssueIsAnInvalidArgument() {
    Base64.Encoder base64 = Base64.getUrlEncoder();
    String notAnId = base64.encodeToString("lg1:five".getBytes());
    String otherPrefix = base64.encodeToString("xx1:5".getBytes());
    for (String bad : new String[] {"", "!!!", "MTIz", notAnId, otherPrefix, null}) {
      assertThatThrownBy(() -> Cursors.decode(bad))
          .isInstanceOf(ClientError.class)
          .extracting(e -> ((ClientError) e).code())
          .isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Test
  void firstMustBeBetweenOneAndAHundred() {
    assertThat(Pagination.first(1)).isEqualTo(1);
    assertThat(Pagination.first(100)).isEqualTo(100);
    for (Integer bad : new Integer[] {null, 0, -1, 101}) {
      assertThatThrownBy(() -> Pagination.first(bad))
          .isInstanceOf(ClientError.class)
          .extracting(e -> ((ClientError) e).code())
          .isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Test
  void theExtraRowFetchedOnlyTellsThatAnotherPageFollows() {
    PageRequest request = new PageRequest(2, OptionalLong.of(10));
    assertThat(request.fetchSize()).isEqualTo(3);

    Page<Long> page = request.toPage(List.of(9L, 8L, 7L), id -> id);

    assertThat(page.edges()).extracting(Page.Edge::node).containsExactly(9L, 8L);
    assertThat(page.hasNextPage()).isTrue();
    assertThat(page.pageInfo().getEndCursor().getValue()).isEqualTo(Cursors.encode(8));
    assertThat(page.pageInfo().isHasPreviousPage()).isTrue();

    Page<Long> last = new PageRequest(2, OptionalLong.empty()).toPage(List.of(1L), id -> id);
    assertThat(last.hasNextPage()).isFalse();
    assertThat(last.pageInfo().getStartCursor().getValue()).isEqualTo(Cursors.encode(1));
    assertThat(
            new PageRequest(5, OptionalLong.empty())
                .toPage(List.<Long>of(), id -> id)
                .pageInfo()
                .getEndCursor())
        .isNull();
  }
}
