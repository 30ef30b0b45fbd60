package org.loyaltygraph.system;

/**
 * A Spring Data JDBC repository fragment for aggregates whose id the application assigns (a UUID):
 * {@code save} takes an aggregate with an id for an existing one and would UPDATE it, so a new one
 * is inserted explicitly.
 */
public interface AggregateInsert<T> {

  /** Inserts the aggregate as it is, id included; a taken unique key is a DuplicateKeyException. */
  T insert(T aggregate);
}
