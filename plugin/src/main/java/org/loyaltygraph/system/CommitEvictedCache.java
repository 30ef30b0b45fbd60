package org.loyaltygraph.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values read from the database, cached per instance by id, that writes evict once they commit
 * ({@link CacheEviction}). A value loaded while an eviction ran is answered but not kept: it may
 * hold the rows as they were before that write committed, and keeping it would hide the write for
 * the whole time-to-live. The time-to-live bounds how stale another instance's copy can be.
 */
public final class CommitEvictedCache<V> {

  private final Cache<String, V> cache;
  // moves on every eviction, so that a load can tell whether one ran while it read
  private final AtomicLong evictions = new AtomicLong();

  public CommitEvictedCache(Duration timeToLive, long maximumSize) {
    this.cache =
        Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).build();
  }

  /**
   * The values of {@code keys}, in their order: a cached one where {@code usable} accepts it, the
   * others from {@code load} (a key it leaves out is absent from the answer).
   */
  public Map<String, V> getAll(
      Collection<String> keys, Predicate<V> usable, Function<Set<String>, Map<String, V>> load) {
    long evictionsBefore = evictions.get();
    Map<String, V> present = cache.getAllPresent(keys);
    Set<String> missing = new LinkedHashSet<>();
    for (String key : keys) {
      V value = present.get(key);
      if (value == null || !usable.test(value)) {
        missing.add(key);
      }
    }
    Map<String, V> loaded = missing.isEmpty() ? Map.of() : load.apply(missing);
    if (evictions.get() == evictionsBefore) {
      cache.putAll(loaded);
    }
    Map<String, V> result = new LinkedHashMap<>();
    for (String key : keys) {
      V value = missing.contains(key) ? loaded.get(key) : present.get(key);
      if (value != null) {
        result.put(key, value);
      }
    }
    return result;
  }

  /** Evicts {@code keys} once the writing transaction ends. */
  public void evictAfterCommit(Collection<String> keys) {
    List<String> evicted = List.copyOf(keys);
    CacheEviction.afterTransaction(
        () -> {
          evictions.incrementAndGet();
          cache.invalidateAll(evicted);
        });
  }

  /** Evicts every entry {@code matching} accepts once the writing transaction ends. */
  public void evictAfterCommit(BiPredicate<String, V> matching) {
    CacheEviction.afterTransaction(
        () -> {
          evictions.incrementAndGet();
          cache.asMap().entrySet().removeIf(e -> matching.test(e.getKey(), e.getValue()));
        });
  }
}
