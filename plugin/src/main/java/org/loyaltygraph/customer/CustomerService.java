package org.loyaltygraph.customer;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers as the storefront knows them. Other features reach customers through this class. */
@Service
public class CustomerService {

  static final int MAX_ID_LENGTH = 64;

  private final CustomerRepository customers;
  private final Clock clock;

  CustomerService(CustomerRepository customers, Clock clock) {
    this.customers = customers;
    this.clock = clock;
  }

  public Optional<Customer> find(String id) {
    return customers.findById(id);
  }

  public List<Customer> findAll(Collection<String> ids) {
    return customers.findAllById(ids);
  }

  public boolean exists(String id) {
    return id != null && customers.findById(id).isPresent();
  }

  /** Idempotent: sending the same customer again changes nothing but {@code updatedAt}. */
  @Transactional
  public CustomerResult upsert(CustomerUpsert input) {
    List<UserError> errors = validate(input);
    if (!errors.isEmpty()) {
      return CustomerResult.refused(errors);
    }
    Instant now = clock.instant();
    String zone = input.timeZone() == null ? "UTC" : ZoneId.of(input.timeZone()).getId();
    customers.upsert(
        new Customer(
            input.id().trim(),
            blankToNull(input.email()),
            blankToNull(input.firstName()),
            blankToNull(input.lastName()),
            zone,
            now,
            now));
    return CustomerResult.ok(customers.findById(input.id().trim()).orElseThrow());
  }

  private static List<UserError> validate(CustomerUpsert input) {
    List<UserError> errors = new ArrayList<>();
    if (input.id() == null || input.id().isBlank()) {
      errors.add(UserError.of("REQUIRED", "The customer id is required.", "input", "id"));
    } else if (input.id().trim().length() > MAX_ID_LENGTH) {
      errors.add(
          UserError.of("INVALID", "The customer id holds at most 64 characters.", "input", "id"));
    }
    if (input.email() != null
        && !input.email().isBlank()
        && (!input.email().contains("@") || input.email().trim().length() > 320)) {
      errors.add(
          UserError.of(
              "INVALID", "The e-mail address is malformed or longer than 320.", "input", "email"));
    }
    if (input.firstName() != null && input.firstName().trim().length() > 200) {
      errors.add(
          UserError.of("INVALID", "firstName has at most 200 characters.", "input", "firstName"));
    }
    if (input.lastName() != null && input.lastName().trim().length() > 200) {
      errors.add(
          UserError.of("INVALID", "lastName has at most 200 characters.", "input", "lastName"));
    }
    if (input.timeZone() != null) {
      try {
        ZoneId.of(input.timeZone());
      } catch (DateTimeException e) {
        errors.add(
            UserError.of(
                "INVALID_TIME_ZONE",
                "The time zone must be an IANA zone id such as Europe/Paris.",
                "input",
                "timeZone"));
      }
    }
    return errors;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
