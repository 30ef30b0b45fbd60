package org.loyaltygraph.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Parsed and validated documents by their text, so a repeated document skips parsing and validation
 * (about half of the cost of a small query). Bounded by {@code
 * loyaltygraph.graphql.document-cache-size}, each started KiB of text weighing one document. Limits
 * still hold for cached documents: {@link QueryLimitsInstrumentation} measures every execution.
 * Hits and misses are in the metrics as {@code cache_gets{cache="graphql.documents"}}.
 */
@Component
class DocumentCache implements PreparsedDocumentProvider {

  private final Cache<String, PreparsedDocumentEntry> documents;

  @Autowired
  DocumentCache(GraphQLProperties properties, ObjectProvider<MeterRegistry> registry) {
    this(properties.documentCacheSize());
    registry.ifAvailable(r -> CaffeineCacheMetrics.monitor(r, documents, "graphql.documents"));
  }

  DocumentCache(int size) {
    this.documents =
        Caffeine.newBuilder()
            .maximumWeight(size)
            .weigher((String text, PreparsedDocumentEntry entry) -> 1 + (text.length() - 1) / 1024)
            .recordStats()
            .build();
  }

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    return CompletableFuture.completedFuture(
        documents.get(input.getQuery(), text -> parseAndValidate.apply(input)));
  }

  /** Documents served from the cache since start. */
  long hits() {
    return documents.stats().hitCount();
  }
}
