package org.loyaltygraph.system;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;

/**
 * The implementation of {@link AggregateInsert}, found by Spring Data through its name (the
 * fragment's name and "Impl"). It opens no transaction of its own: like a plain statement, it joins
 * the caller's, so a caller may catch a duplicate key and go on.
 */
class AggregateInsertImpl<T> implements AggregateInsert<T> {

  private final JdbcAggregateOperations aggregates;

  AggregateInsertImpl(JdbcAggregateOperations aggregates) {
    this.aggregates = aggregates;
  }

  @Override
  public T insert(T aggregate) {
    return aggregates.insert(aggregate);
  }
}
