package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.Opened;

/**
 * An attempt that runs out of time while it is still starting (looking the receiver up, or
 * connecting) is over: it answers "timed out" at its bound, and nothing reaches the receiver after
 * that, however the start goes on. A request sent late would be a second copy once the worker
 * retries.
 */
class WebhookSenderTimeoutTest {

  private static final String NAME = "receiver.example";
  private static final InetAddress RECEIVER = WebhookReceiver.loopback(2);
  private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
  private static final OutboxEvent EVENT =
      new OutboxEvent(
          "0c7d4a52-2b8e-4f0e-9d43-6a1f5e8b3c21",
          EventType.POINTS_EARNED,
          "c-1042",
          NOW,
          "{\"orderId\":\"o-78\",\"points\":7}");
  // connect 100 ms + request 100 ms + 1 s
  private static final Duration ATTEMPT_BOUND = Duration.ofMillis(1200);

  private final Opened opened = new Opened();
  private final CountDownLatch released = new CountDownLatch(1);

  @AfterEach
  void closeEverything() throws Exception {
    released.countDown();
    opened.close();
  }

  @Test
  void aTimeoutWhileTheClientConnectsCancelsTheAttemptAndNothingIsSentAfterIt() throws Exception {
    WebhookReceiver receiver = opened.add(WebhookReceiver.at(new InetSocketAddress(RECEIVER, 0)));
    // the look-up ahead answers at once; its answer lives for no time, so the client looks the
    // name up again when it connects, and that look-up hangs past the attempt's bound
    CountDownLatch clientLookingUp = new CountDownLatch(1);
    AtomicInteger lookups = new AtomicInteger();
    ReceiverResolver.Lookup dns =
        host -> {
          if (lookups.getAndIncrement() > 0) {
            clientLookingUp.countDown();
            awaitRelease();
          }
          return new InetAddress[] {RECEIVER};
        };
    WebhookSender sender = sender(new ReceiverResolver(dns, RECEIVER::equals, Duration.ZERO));

    long start = System.nanoTime();
    WebhookSender.Outcome outcome =
        sender
            .send("http://" + NAME + ":" + receiver.port() + "/hooks", "whsec_t", EVENT)
            .get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).isEqualTo("timed out");
    assertThat(clientLookingUp.getCount()).as("timed out while connecting").isZero();

    released.countDown(); // the connection goes ahead now, after the attempt ended
    Thread.sleep(1000);
    assertThat(receiver.requests()).isEmpty();

    // the exchange stopped on its late connection leaves the client able to deliver the next
    WebhookSender.Outcome next =
        sender
            .send("http://" + NAME + ":" + receiver.port() + "/hooks", "whsec_t", EVENT)
            .get(10, TimeUnit.SECONDS);
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aTimeoutDuringTheLookUpAheadStartsNoExchange() throws Exception {
    WebhookReceiver receiver = opened.add(WebhookReceiver.at(new InetSocketAddress(RECEIVER, 0)));
    ReceiverResolver.Lookup dns =
        host -> {
          awaitRelease();
          return new InetAddress[] {RECEIVER};
        };
    WebhookSender sender = sender(new ReceiverResolver(dns, RECEIVER::equals));

    WebhookSender.Outcome outcome =
        sender
            .send("http://" + NAME + ":" + receiver.port() + "/hooks", "whsec_t", EVENT)
            .get(10, TimeUnit.SECONDS);

    assertThat(outcome.error()).isEqualTo("timed out");
    released.countDown(); // the look-up answers after the attempt ended
    Thread.sleep(1000);
    assertThat(receiver.requests()).isEmpty();
  }

  private void awaitRelease() throws UnknownHostException {
    try {
      if (!released.await(30, TimeUnit.SECONDS)) {
        throw new UnknownHostException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnknownHostException("interrupted");
    }
  }

  private WebhookSender sender(ReceiverResolver receivers) {
    EventProperties properties =
        Webhooks.senderSettings(
            Duration.ofMillis(100), ATTEMPT_BOUND.minusSeconds(1).minusMillis(100));
    return opened.add(
        new WebhookSender(
            properties, Clock.fixed(NOW, ZoneOffset.UTC), receivers, SSLContexts.createDefault()));
  }
}
