package org.loyaltygraph.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the ledger tables directly, to check what the API says against what is stored. */
public class Ledger {

  private final JdbcClient jdbc;

  public Ledger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The invariant: the balance row = the sum of the customer's entries = the sum of remaining over
   * available lots; pending = the sum of remaining over pending lots; per lot, remaining of an
   * available or expired lot = the sum of its entries.
   */
  public void assertConsistent(String customerId) {
    long balance =
        single(
            "SELECT COALESCE(MAX(available), 0) FROM points_account WHERE customer_id = ?",
            customerId);
    long pending =
        single(
            "SELECT COALESCE(MAX(pending), 0) FROM points_account WHERE customer_id = ?",
            customerId);
    long entries =
        single(
            "SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE customer_id = ?", customerId);
    long availableLots =
        single(
            "SELECT COALESCE(SUM(remaining), 0) FROM points_lot WHERE customer_id = ? AND status = 'AVAILABLE'",
            customerId);
    long pendingLots =
        single(
            "SELECT COALESCE(SUM(remaining), 0) FROM points_lot WHERE customer_id = ? AND status = 'PENDING'",
            customerId);
    long lotsOffTheirEntries =
        single(
            "SELECT COUNT(*) FROM points_lot l WHERE l.customer_id = ? AND l.status IN ('AVAILABLE', 'EXPIRED')"
                + " AND l.remaining <> (SELECT COALESCE(SUM(e.points), 0) FROM points_entry e WHERE e.lot_id = l.id)",
            customerId);
    assertThat(entries).as("sum of entries = balance of %s", customerId).isEqualTo(balance);
    assertThat(availableLots).as("remaining of available lots = balance").isEqualTo(balance);
    assertThat(pendingLots).as("remaining of pending lots = pending").isEqualTo(pending);
    assertThat(lotsOffTheirEntries).as("lots whose remaining differs from their entries").isZero();
  }

  public long balance(String customerId) {
    return single(
        "SELECT COALESCE(MAX(available), 0) FROM points_account WHERE customer_id = ?", customerId);
  }

  public long entries(String customerId) {
    return single("SELECT COUNT(*) FROM points_entry WHERE customer_id = ?", customerId);
  }

  /** The customer's entries in the order written, as "id type points causeType:causeId". */
  public List<String> entryLines(String customerId) {
    return jdbc.sql(
            "SELECT id, type, points, cause_type, cause_id FROM points_entry WHERE customer_id = ?"
                + " ORDER BY id")
        .param(customerId)
        .query(
            (rs, row) ->
                rs.getLong("id")
                    + " "
                    + rs.getString("type")
                    + " "
                    + rs.getLong("points")
                    + " "
                    + rs.getString("cause_type")
                    + ":"
                    + rs.getString("cause_id"))
        .list();
  }

  public long lots(String customerId) {
    return single("SELECT COUNT(*) FROM points_lot WHERE customer_id = ?", customerId);
  }

  /** The stored status of a discount code: ISSUED, CONSUMED, RESTORED and so on. */
  public String codeStatus(String code) {
    return jdbc.sql("SELECT status FROM discount_code WHERE code = ?")
        .param(code)
        .query(String.class)
        .single();
  }

  public long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  private long single(String sql, String customerId) {
    return jdbc.sql(sql).param(customerId).query(Long.class).single();
  }
}
