package org.loyaltygraph.security;

import java.util.Optional;
import org.loyaltygraph.system.AggregateInsert;
import org.springframework.data.repository.ListCrudRepository;

/** Admin users, written whole: the id is a UUID the service assigns, so new ones are inserted. */
interface AdminUserRepository
    extends ListCrudRepository<AdminUser, String>, AggregateInsert<AdminUser> {

  Optional<AdminUser> findByEmail(String email);
}
