package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltygraph.testing.Opened;

/**
 * A webhook connects to the very address the receiver check saw: the name is looked up once per
 * connection, and that answer is both checked and connected to, over http and https (where the
 * certificate is still checked against the name, and the name is the SNI).
 *
 * <p>Tests send nothing off this machine, so where a connection must succeed the test's "public
 * internet" is 127.0.0.2 and its private network 127.0.0.1, with a policy saying so; where only a
 * refusal is checked, the real policy ({@link ReceiverAddress#isPublic}) is used.
 */
class WebhookSenderPinningTest {

  private static final String NAME = "receiver.example";
  private static final String SECRET = "whsec_pinning";
  private static final String PASSWORD = "pinning";
  private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
  private static final InetAddress PRIVATE = WebhookReceiver.loopback(1);
  private static final InetAddress PUBLIC_STAND_IN = WebhookReceiver.loopback(2);
  private static final OutboxEvent EVENT =
      new OutboxEvent(
          "5b0f8e2c-0d4a-4f59-9a8e-3f1d2c7b9e10",
          EventType.POINTS_EARNED,
          "c-1042",
          NOW,
          "{\"orderId\":\"o-77\",\"points\":42}");

  @TempDir Path keys;

  private final Opened opened = new Opened();

  @AfterEach
  void closeEverything() throws Exception {
    opened.close();
  }

  @Test
  void aNameThatRebindsAfterTheCheckIsStillConnectedToTheAddressTheCheckSaw() throws Exception {
    WebhookReceiver inside = opened.add(WebhookReceiver.at(new InetSocketAddress(PRIVATE, 0)));
    WebhookReceiver outside =
        opened.add(WebhookReceiver.at(new InetSocketAddress(PUBLIC_STAND_IN, inside.port())));
    // answers the public address first, then the private one to every later lookup
    ScriptedLookup dns = new ScriptedLookup(List.of(PUBLIC_STAND_IN), List.of(PRIVATE));
    WebhookSender sender = sender(new ReceiverResolver(dns, PUBLIC_STAND_IN::equals));

    WebhookSender.Outcome outcome =
        sender.send("http://" + NAME + ":" + inside.port() + "/hooks", SECRET, EVENT).join();

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(dns.lookups()).isEqualTo(1);
    assertThat(inside.requests()).isEmpty();
    WebhookReceiver.Request received = outside.requests().get(0);
    assertThat(outside.requests()).hasSize(1);
    assertThat(received.header("Host")).isEqualTo(NAME + ":" + inside.port());
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header(WebhookSender.EVENT_ID)).isEqualTo(EVENT.id());
    long timestamp = Long.parseLong(received.header(WebhookSender.TIMESTAMP));
    assertThat(timestamp).isEqualTo(NOW.getEpochSecond());
    assertThat(received.header(WebhookSender.SIGNATURE))
        .isEqualTo(WebhookSignature.header(SECRET, timestamp, received.body()));
  }

  @Test
  void aNameThatAnswersAPrivateAddressWhenConnectingIsRefusedAndNothingIsSent() throws Exception {
    WebhookReceiver inside = opened.add(WebhookReceiver.at(new InetSocketAddress(PRIVATE, 0)));
    ScriptedLookup dns = new ScriptedLookup(List.of(PRIVATE), List.of(PRIVATE));
    WebhookSender sender = sender(new ReceiverResolver(dns, ReceiverAddress::isPublic));

    WebhookSender.Outcome outcome =
        sender.send("http://" + NAME + ":" + inside.port() + "/hooks", SECRET, EVENT).join();

    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).isEqualTo(ReceiverAddress.NOT_PUBLIC);
    assertThat(inside.requests()).isEmpty();
  }

  @Test
  void oneDisallowedAddressInTheAnswerRefusesTheWholeAnswer() throws Exception {
    WebhookReceiver inside = opened.add(WebhookReceiver.at(new InetSocketAddress(PRIVATE, 0)));
    WebhookReceiver outside =
        opened.add(WebhookReceiver.at(new InetSocketAddress(PUBLIC_STAND_IN, inside.port())));
    ScriptedLookup dns =
        new ScriptedLookup(List.of(PUBLIC_STAND_IN, PRIVATE), List.of(PUBLIC_STAND_IN, PRIVATE));
    WebhookSender sender = sender(new ReceiverResolver(dns, PUBLIC_STAND_IN::equals));

    WebhookSender.Outcome outcome =
        sender.send("http://" + NAME + ":" + inside.port() + "/hooks", SECRET, EVENT).join();

    assertThat(outcome.error()).isEqualTo(ReceiverAddress.NOT_PUBLIC);
    assertThat(inside.requests()).isEmpty();
    assertThat(outside.requests()).isEmpty();
  }

  @Test
  void aLiteralPrivateAddressInTheUrlIsCheckedAsWell() throws Exception {
    WebhookReceiver inside = opened.add(new WebhookReceiver());
    WebhookSender sender = sender(ReceiverResolver.of(false));

    WebhookSender.Outcome outcome = sender.send(inside.url(), SECRET, EVENT).join();

    assertThat(outcome.error()).isEqualTo(ReceiverAddress.NOT_PUBLIC);
    assertThat(inside.requests()).isEmpty();
  }

  @Test
  void httpsConnectsToTheCheckedAddressAndVerifiesTheCertificateAgainstTheName() throws Exception {
    KeyStore key = keyFor(NAME);
    WebhookReceiver outside =
        opened.add(
            WebhookReceiver.httpsAt(new InetSocketAddress(PUBLIC_STAND_IN, 0), serving(key)));
    ScriptedLookup dns = new ScriptedLookup(List.of(PUBLIC_STAND_IN), List.of(PRIVATE));
    WebhookSender sender = sender(new ReceiverResolver(dns, PUBLIC_STAND_IN::equals), key);

    WebhookSender.Outcome outcome =
        sender.send("https://" + NAME + ":" + outside.port() + "/hooks", SECRET, EVENT).join();

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(dns.lookups()).isEqualTo(1);
    assertThat(outside.requests()).hasSize(1);
    assertThat(outside.serverNames()).containsOnly(NAME);
  }

  @Test
  void httpsRefusesACertificateForAnotherName() throws Exception {
    KeyStore key = keyFor("other.example");
    WebhookReceiver outside =
        opened.add(
            WebhookReceiver.httpsAt(new InetSocketAddress(PUBLIC_STAND_IN, 0), serving(key)));
    ScriptedLookup dns = new ScriptedLookup(List.of(PUBLIC_STAND_IN), List.of(PUBLIC_STAND_IN));
    WebhookSender sender = sender(new ReceiverResolver(dns, PUBLIC_STAND_IN::equals), key);

    WebhookSender.Outcome outcome =
        sender.send("https://" + NAME + ":" + outside.port() + "/hooks", SECRET, EVENT).join();

    assertThat(outcome.statusCode()).isNull();
    assertThat(outcome.error()).startsWith("SSL");
    assertThat(outside.requests()).isEmpty();
  }

  @Test
  void aSlowLookupHoldsUpOnlyTheDeliveriesToItsOwnName() throws Exception {
    WebhookReceiver outside =
        opened.add(WebhookReceiver.at(new InetSocketAddress(PUBLIC_STAND_IN, 0)));
    CountDownLatch slowAnswers = new CountDownLatch(1);
    AtomicInteger slowLookups = new AtomicInteger();
    ReceiverResolver.Lookup dns =
        host -> {
          if (host.equals("slow.example")) {
            slowLookups.incrementAndGet();
            try {
              assertThat(slowAnswers.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              throw new UnknownHostException("interrupted");
            }
          }
          return new InetAddress[] {PUBLIC_STAND_IN};
        };
    WebhookSender sender = sender(new ReceiverResolver(dns, PUBLIC_STAND_IN::equals));
    // more deliveries to the slow name than the HTTP client has I/O threads
    int slowDeliveries = Runtime.getRuntime().availableProcessors() + 2;
    List<CompletableFuture<WebhookSender.Outcome>> slow = new ArrayList<>();
    for (int i = 0; i < slowDeliveries; i++) {
      slow.add(sender.send("http://slow.example:" + outside.port() + "/hooks", SECRET, EVENT));
    }

    WebhookSender.Outcome fast =
        sender
            .send("http://fast.example:" + outside.port() + "/hooks", SECRET, EVENT)
            .get(10, TimeUnit.SECONDS);

    assertThat(fast.statusCode()).isEqualTo(200);
    assertThat(slow).noneMatch(CompletableFuture::isDone);
    slowAnswers.countDown();
    for (CompletableFuture<WebhookSender.Outcome> delivery : slow) {
      assertThat(delivery.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(slowLookups.get()).isEqualTo(1); // one lookup served every delivery to the name
    assertThat(outside.requests()).hasSize(slowDeliveries + 1);
  }

  @Test
  void aLookupThatBreaksIsARefusalAndOtherNamesStillResolve() throws Exception {
    ReceiverResolver receivers =
        opened.add(
            new ReceiverResolver(
                host -> {
                  if (host.equals("broken.example")) {
                    throw new IllegalStateException("the resolver broke");
                  }
                  return new InetAddress[] {PUBLIC_STAND_IN};
                },
                PUBLIC_STAND_IN::equals));

    assertThatThrownBy(() -> receivers.lookUpAhead("broken.example").join())
        .hasCauseInstanceOf(ReceiverResolver.RefusedReceiver.class);
    receivers.lookUpAhead("fine.example").get(5, TimeUnit.SECONDS);
    assertThat(receivers.resolve("fine.example")).containsExactly(PUBLIC_STAND_IN);
  }

  /** Answers {@code first} to the first lookup of any name and {@code later} to every other. */
  private static final class ScriptedLookup implements ReceiverResolver.Lookup {

    private final List<InetAddress> first;
    private final List<InetAddress> later;
    private final AtomicInteger lookups = new AtomicInteger();

    ScriptedLookup(List<InetAddress> first, List<InetAddress> later) {
      this.first = first;
      this.later = later;
    }

    @Override
    public InetAddress[] addresses(String host) {
      List<InetAddress> answer = lookups.getAndIncrement() == 0 ? first : later;
      return answer.toArray(InetAddress[]::new);
    }

    int lookups() {
      return lookups.get();
    }
  }

  private WebhookSender sender(ReceiverResolver receivers) {
    return opened.add(
        new WebhookSender(properties(), clock(), receivers, SSLContexts.createDefault()));
  }

  private WebhookSender sender(ReceiverResolver receivers, KeyStore trusted) throws Exception {
    SSLContext trusting = SSLContexts.custom().loadTrustMaterial(trusted, null).build();
    return opened.add(new WebhookSender(properties(), clock(), receivers, trusting));
  }

  private static EventProperties properties() {
    return Webhooks.senderSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  private static SSLContext serving(KeyStore key) throws Exception {
    return SSLContexts.custom().loadKeyMaterial(key, PASSWORD.toCharArray()).build();
  }

  /** A fresh self-signed key and certificate for {@code name}, made by the JDK's keytool. */
  private KeyStore keyFor(String name) throws Exception {
    Path store = keys.resolve(name + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=dns:" + name,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    return KeyStore.getInstance(store.toFile(), PASSWORD.toCharArray());
  }
}
