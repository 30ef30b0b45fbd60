package org.loyaltygraph.event;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The webhook client's only way from a receiver's name to its addresses: the name is looked up once
 * per connection, and the client gets those very addresses, only if webhooks may go to every one of
 * them. The address checked is the address connected to, so a name that answers a public address to
 * one lookup and a private one to the next (DNS rebinding) gets nowhere. Only the lookup is
 * replaced: TLS still checks the certificate against the name and sends it as SNI.
 *
 * <p>The sender looks a name up ahead ({@link #lookUpAhead}), on a thread of this class's, so that
 * a slow DNS server holds up only the deliveries to that name, never the HTTP client's few I/O
 * threads and every delivery they carry. The client then gets that checked answer when it connects,
 * within {@link #ANSWER_LIFETIME}; after that, or for a name not looked up ahead, it looks up
 * itself.
 */
final class ReceiverResolver implements DnsResolver, AutoCloseable {

  /** How long an answer looked up ahead is handed to the connections that follow it. */
  static final Duration ANSWER_LIFETIME = Duration.ofSeconds(10);

  /** Looks a host up: the system's resolver in production, a scripted one in tests. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] addresses(String host) throws UnknownHostException;
  }

  /** Why webhooks do not go to a host, in the words {@code lastError} shows an admin. */
  static final class RefusedReceiver extends UnknownHostException {

    RefusedReceiver(String message) {
      super(message);
    }
  }

  /** A checked answer: the addresses to connect to, or why there are none. */
  private record Answer(
      InetAddress[] addresses, UnknownHostException refusal, long expiresAtNanos) {

    boolean fresh() {
      return System.nanoTime() - expiresAtNanos < 0;
    }
  }

  private final Lookup lookup;
  private final Predicate<InetAddress> allowed;
  private final long answerLifetimeNanos;
  // one lookup in flight per name: threads are bounded by the names being looked up at once
  private final ExecutorService lookups = Executors.newCachedThreadPool(lookupThreads());
  private final ConcurrentMap<String, CompletableFuture<Answer>> ahead = new ConcurrentHashMap<>();

  ReceiverResolver(Lookup lookup, Predicate<InetAddress> allowed) {
    this(lookup, allowed, ANSWER_LIFETIME);
  }

  /** Tests shorten the answers' lifetime, so that the client looks up itself when it connects. */
  ReceiverResolver(Lookup lookup, Predicate<InetAddress> allowed, Duration answerLifetime) {
    this.lookup = lookup;
    this.allowed = allowed;
    this.answerLifetimeNanos = answerLifetime.toNanos();
  }

  /** Public addresses only, unless the setting lets private receivers through on purpose. */
  static ReceiverResolver of(boolean allowPrivateAddresses) {
    return new ReceiverResolver(
        InetAddress::getAllByName,
        allowPrivateAddresses ? address -> true : ReceiverAddress::isPublic);
  }

  /**
   * Looks {@code host} up and checks it off the caller's thread, joining a lookup of the same name
   * already under way. Completes when the connection may be attempted, or exceptionally with a
   * {@link RefusedReceiver} when the name does not resolve or is not allowed.
   */
  CompletableFuture<Void> lookUpAhead(String host) {
    if (host == null) {
      return CompletableFuture.completedFuture(null); // the client refuses the URL itself
    }
    ahead.values().removeIf(answer -> answer.isDone() && !answer.join().fresh());
    CompletableFuture<Answer> answer =
        ahead.compute(
            key(host),
            (name, known) ->
                known != null && (!known.isDone() || known.join().fresh())
                    ? known
                    : CompletableFuture.supplyAsync(() -> answer(host), lookups));
    return answer.thenAccept(
        checked -> {
          if (checked.refusal() != null) {
            throw new CompletionException(checked.refusal());
          }
        });
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    CompletableFuture<Answer> known = ahead.get(key(host));
    Answer answer =
        known != null && known.isDone() && known.join().fresh() ? known.join() : answer(host);
    if (answer.refusal() != null) {
      throw answer.refusal();
    }
    return answer.addresses().clone();
  }

  /**
   * This class's lookup threads, for work that may look a name up: the client looks up itself when
   * it connects after the answer looked up ahead went stale, so the sender starts its exchanges
   * here (never on its caller's thread or the client's I/O threads).
   */
  Executor threads() {
    return lookups;
  }

  @Override
  public void close() {
    lookups.shutdownNow();
  }

  /** Never throws: a lookup that failed in any way is an answer too (a refusal). */
  private Answer answer(String host) {
    try {
      return new Answer(checked(host), null, expiresAt());
    } catch (UnknownHostException e) {
      return new Answer(null, e, expiresAt());
    } catch (RuntimeException e) {
      return new Answer(
          null, new RefusedReceiver(ReceiverAddress.doesNotResolve(host)), expiresAt());
    }
  }

  private long expiresAt() {
    return System.nanoTime() + answerLifetimeNanos;
  }

  private InetAddress[] checked(String host) throws UnknownHostException {
    InetAddress[] addresses;
    try {
      addresses = lookup.addresses(host);
    } catch (UnknownHostException e) {
      throw new RefusedReceiver(ReceiverAddress.doesNotResolve(host));
    }
    if (addresses == null || addresses.length == 0) {
      throw new RefusedReceiver(ReceiverAddress.doesNotResolve(host));
    }
    for (InetAddress address : addresses) {
      if (!allowed.test(address)) {
        throw new RefusedReceiver(ReceiverAddress.NOT_PUBLIC);
      }
    }
    return addresses;
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  private static ThreadFactory lookupThreads() {
    CustomizableThreadFactory threads = new CustomizableThreadFactory("webhook-dns-");
    threads.setDaemon(true);
    return threads;
  }

  /** Only Kerberos asks for it, and webhooks do not authenticate that way. */
  @Override
  public String resolveCanonicalHostname(String host) {
    return host;
  }
}
