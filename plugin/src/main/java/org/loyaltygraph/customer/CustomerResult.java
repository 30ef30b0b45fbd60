package org.loyaltygraph.customer;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/**
 * A customer write's outcome: the customer, or the reasons it was refused, and what was written.
 */
public record CustomerResult(Customer customer, List<UserError> userErrors, Write write) {

  /** What a write that was not refused did. */
  public enum Write {
    /** The customer was created or changed. */
    WRITTEN,
    /** A replay of what is stored: nothing was written. */
    UNCHANGED,
    /** An update older than the stored customer (by the storefront's time): nothing was written. */
    STALE
  }

  static CustomerResult ok(Customer customer) {
    return new CustomerResult(customer, List.of(), Write.WRITTEN);
  }

  static CustomerResult unchanged(Customer customer) {
    return new CustomerResult(customer, List.of(), Write.UNCHANGED);
  }

  static CustomerResult stale(Customer customer) {
    return new CustomerResult(customer, List.of(), Write.STALE);
  }

  static CustomerResult refused(List<UserError> errors) {
    return new CustomerResult(null, errors, Write.UNCHANGED);
  }

  public boolean stale() {
    return write == Write.STALE;
  }
}
