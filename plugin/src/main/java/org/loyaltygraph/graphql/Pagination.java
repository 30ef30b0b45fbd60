package org.loyaltygraph.graphql;

import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultPageInfo;
import graphql.relay.PageInfo;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * Arguments and results of Relay connections ({@code first} 1..100, {@code after} a cursor). A
 * connection fetcher reads its page with {@link #request(DataFetchingEnvironment)}, fetches {@link
 * PageRequest#fetchSize()} rows after {@link PageRequest#after()} in a stable order of a unique id,
 * and turns them into a {@link Page}:
 *
 * <pre>{@code
 * PageRequest request = Pagination.request(env);
 * Page<Entry> page = request.toPage(service.ledger(customerId, request.after(), request.fetchSize()), Entry::id);
 * return new PointsEntryConnection(page.edges().stream().map(e -> new PointsEntryEdge(e.cursor(), map(e.node()))).toList(), page.pageInfo());
 * }</pre>
 *
 * {@link QueryLimitsInstrumentation} already refuses any {@code first} out of bounds before
 * execution; the checks here keep a fetcher correct whatever calls it.
 */
public final class Pagination {

  /** The largest page a connection serves. */
  public static final int MAX_PAGE_SIZE = 100;

  private Pagination() {}

  /**
   * The {@code first} argument, checked.
   *
   * @throws ClientError {@code INVALID_ARGUMENT} when missing or outside 1..100
   */
  public static int first(DataFetchingEnvironment env) {
    return first((Integer) env.getArgument("first"));
  }

  /** {@code first}, checked; see {@link #first(DataFetchingEnvironment)}. */
  public static int first(Integer first) {
    if (first == null || first < 1 || first > MAX_PAGE_SIZE) {
      throw new ClientError(
          "INVALID_ARGUMENT", "`first` must be between 1 and " + MAX_PAGE_SIZE + ".");
    }
    return first;
  }

  /**
   * The row id after which the page starts, from the {@code after} cursor; empty for the first
   * page.
   *
   * @throws ClientError {@code INVALID_ARGUMENT} for a cursor this service did not issue
   */
  public static OptionalLong after(DataFetchingEnvironment env) {
    String cursor = env.getArgument("after");
    return cursor == null ? OptionalLong.empty() : OptionalLong.of(Cursors.decode(cursor));
  }

  /** {@code first} and {@code after} of a connection field, both checked. */
  public static PageRequest request(DataFetchingEnvironment env) {
    return new PageRequest(first(env), after(env));
  }

  /**
   * The page a connection field asked for.
   *
   * @param first rows in the page, 1..100
   * @param after the id of the last row of the previous page, or empty for the first page
   */
  public record PageRequest(int first, OptionalLong after) {

    public PageRequest {
      Pagination.first(first);
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
      return first + 1;
    }

    /** The page of {@code rows} (fetched with {@link #fetchSize()}), cursors made from ids. */
    public <T> Page<T> toPage(List<T> rows, ToLongFunction<T> id) {
      List<Page.Edge<T>> edges = new ArrayList<>(Math.min(rows.size(), first));
      for (T row : rows.subList(0, Math.min(rows.size(), first))) {
        edges.add(new Page.Edge<>(Cursors.encode(id.applyAsLong(row)), row));
      }
      return new Page<>(List.copyOf(edges), rows.size() > first, after.isPresent());
    }
  }

  /**
   * One page of a connection, for a fetcher to map into its generated types.
   *
   * @param edges the rows and their cursors, in order
   * @param hasNextPage true when more rows follow
   * @param hasPreviousPage true when the page started after a cursor
   */
  public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage) {

    /** A row and its cursor. */
    public record Edge<T>(String cursor, T node) {}

    /**
     * The Relay {@code PageInfo} of this page, as graphql-java's type: the generated connection
     * types hold that one (codegen maps the schema's PageInfo to it).
     */
    public PageInfo pageInfo() {
      return new DefaultPageInfo(
          edges.isEmpty() ? null : new DefaultConnectionCursor(edges.get(0).cursor()),
          edges.isEmpty()
              ? null
              : new DefaultConnectionCursor(edges.get(edges.size() - 1).cursor()),
          hasPreviousPage,
          hasNextPage);
    }
  }
}
