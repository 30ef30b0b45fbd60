package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.Opened;

/**
 * A receiver may close a kept-alive connection for idleness just as the next request goes out on
 * it: the attempt then sends once more, on a new connection, instead of failing and waiting for the
 * worker's retry. Only once: a receiver that closes every connection unanswered fails the attempt.
 */
class WebhookSenderResendTest {

  private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");

  private final Opened opened = new Opened();

  @AfterEach
  void closeEverything() throws Exception {
    opened.close();
  }

  @Test
  void answeredDeliveriesToOneReceiverShareOneConnection() throws Exception {
    ClosingReceiver receiver = opened.add(new ClosingReceiver(Integer.MAX_VALUE));
    WebhookSender sender = sender();

    for (String id : new String[] {"e-a", "e-b", "e-c"}) {
      assertThat(send(sender, receiver, event(id)).delivered()).isTrue();
    }

    assertThat(receiver.answered.get()).isEqualTo(3);
    assertThat(receiver.connections.get()).isEqualTo(1);
  }

  @Test
  void aKeptAliveConnectionTheReceiverClosesUnansweredIsReplacedWithinTheAttempt()
      throws Exception {
    ClosingReceiver receiver = opened.add(new ClosingReceiver(1));
    WebhookSender sender = sender();

    WebhookSender.Outcome first = send(sender, receiver, event("e-1"));
    WebhookSender.Outcome second = send(sender, receiver, event("e-2"));

    assertThat(first.delivered()).isTrue();
    // the second went out on the first's connection, which the receiver closed unanswered
    assertThat(second.delivered()).as(second.error()).isTrue();
    assertThat(receiver.connections.get()).isEqualTo(2);
    assertThat(receiver.answered.get()).isEqualTo(2);
    assertThat(receiver.dropped.get()).isEqualTo(1);
  }

  /**
   * Two kept connections that the receiver closes at once (a restart, an idle timer): the copy goes
   * out on a new connection, not on the other kept one.
   */
  @Test
  void theResendNeverTakesAnotherKeptConnection() throws Exception {
    ClosingReceiver receiver = opened.add(new ClosingReceiver(1, false, Duration.ofMillis(300)));
    WebhookSender sender = sender();
    // two at once, each answered after 300 ms: two connections, both kept
    var first = sender.send(receiver.url(), "whsec_t", event("e-5"));
    var second = sender.send(receiver.url(), "whsec_t", event("e-6"));
    assertThat(first.get(20, TimeUnit.SECONDS).delivered()).isTrue();
    assertThat(second.get(20, TimeUnit.SECONDS).delivered()).isTrue();
    Thread.sleep(200);
    assertThat(receiver.connections.get()).isEqualTo(2);

    WebhookSender.Outcome third = send(sender, receiver, event("e-7"));

    // it went out on a kept connection, which the receiver dropped; the copy on a new one
    assertThat(third.delivered()).as(third.error()).isTrue();
    assertThat(receiver.dropped.get()).isEqualTo(1);
    assertThat(receiver.connections.get()).isEqualTo(3);
    assertThat(receiver.answered.get()).isEqualTo(3);

    WebhookSender.Outcome fourth = send(sender, receiver, event("e-8"));

    // the other kept connection dropped it; the copy did not take the third's connection, which
    // the receiver would drop too, but a fourth
    assertThat(fourth.delivered()).as(fourth.error()).isTrue();
    assertThat(receiver.dropped.get()).isEqualTo(2);
    assertThat(receiver.connections.get()).isEqualTo(4);
    assertThat(receiver.answered.get()).isEqualTo(4);
  }

  @Test
  void aReceiverThatClosesEveryConnectionUnansweredGetsTheRequestTwiceAndTheAttemptFails()
      throws Exception {
    ClosingReceiver receiver = opened.add(new ClosingReceiver(0));
    WebhookSender sender = sender();

    WebhookSender.Outcome outcome = send(sender, receiver, event("e-3"));

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).startsWith("ConnectionClosedException");
    assertThat(receiver.dropped.get()).isEqualTo(2);
    assertThat(receiver.answered.get()).isZero();
  }

  /**
   * One attempt, then a pause: the client hands the answer over before it returns the connection to
   * its pool, and the next attempt is to find it there (the worker's rounds are seconds apart).
   */
  @Test
  void aReceiverThatBeganToAnswerBeforeClosingNeverGetsTheRequestAgain() throws Exception {
    ClosingReceiver receiver = opened.add(new ClosingReceiver(0, true));
    WebhookSender sender = sender();

    WebhookSender.Outcome outcome = send(sender, receiver, event("e-4"));

    // it had the request and began to answer: a copy now would be a second delivery of the event
    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.statusCode()).isNull();
    assertThat(receiver.dropped.get()).isEqualTo(1);
    assertThat(receiver.connections.get()).isEqualTo(1);
  }

  private static WebhookSender.Outcome send(
      WebhookSender sender, ClosingReceiver receiver, OutboxEvent event) throws Exception {
    WebhookSender.Outcome outcome =
        sender.send(receiver.url(), "whsec_t", event).get(20, TimeUnit.SECONDS);
    Thread.sleep(200);
    return outcome;
  }

  private static OutboxEvent event(String id) {
    return new OutboxEvent(
        id, EventType.POINTS_EARNED, "c-1042", NOW, "{\"orderId\":\"o-78\",\"points\":7}");
  }

  private WebhookSender sender() {
    EventProperties properties =
        Webhooks.senderSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
    return opened.add(
        new WebhookSender(
            properties,
            Clock.fixed(NOW, ZoneOffset.UTC),
            new ReceiverResolver(
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, address -> true),
            SSLContexts.createDefault()));
  }

  /**
   * A plain HTTP/1.1 receiver on 127.0.0.1 that answers the first {@code answeredPerConnection}
   * requests of each connection with 200 and keeps it open, then reads the next request and closes
   * the connection without a byte of answer, as a server closing an idle connection does when a
   * request crosses its close.
   */
  private static final class ClosingReceiver implements AutoCloseable {

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    private final ServerSocket server;
    private final int answeredPerConnection;
    private final boolean cutAnswer;
    private final Duration answerAfter;

    ClosingReceiver(int answeredPerConnection) throws IOException {
      this(answeredPerConnection, false);
    }

    /** With {@code cutAnswer}, the request it drops gets the head of a 200 and part of a body. */
    ClosingReceiver(int answeredPerConnection, boolean cutAnswer) throws IOException {
      this(answeredPerConnection, cutAnswer, Duration.ZERO);
    }

    /** With {@code answerAfter}, each answer waits that long. */
    ClosingReceiver(int answeredPerConnection, boolean cutAnswer, Duration answerAfter)
        throws IOException {
      this.answeredPerConnection = answeredPerConnection;
      this.cutAnswer = cutAnswer;
      this.answerAfter = answerAfter;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "closing-receiver");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url() {
      return "http://receiver.example:" + server.getLocalPort() + "/hooks";
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket connection = server.accept();
          connections.incrementAndGet();
          Thread serving = new Thread(() -> serve(connection), "closing-receiver-connection");
          serving.setDaemon(true);
          serving.start();
        } catch (IOException closed) {
          // the test is over
        }
      }
    }

    private void serve(Socket connection) {
      try (connection) {
        serveRequests(connection);
      } catch (IOException e) {
        // the client went away
      }
    }

    private void serveRequests(Socket connection) throws IOException {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      for (int served = 0; readRequest(in); served++) {
        if (served == answeredPerConnection) {
          dropped.incrementAndGet();
          if (cutAnswer) {
            out.write(
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          return; // closed unanswered, or with its answer cut short
        }
        pause();
        answered.incrementAndGet(); // counted first: the client may read the answer at once
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }

    private void pause() throws IOException {
      try {
        Thread.sleep(answerAfter.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    /** Reads one request, head and body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int next = in.read();
        if (next < 0) {
          return false;
        }
        head.write(next);
      }
      int length = 0;
      for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      return in.readNBytes(length).length == length;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
