package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks never go into the service's own network (the addresses are literals: no DNS). */
class ReceiverAddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "::1",
        "fd00::1",
        "fe80::1",
        "::ffff:127.0.0.1"
      })
  void localAndPrivateAddressesAreRefused(String address) throws Exception {
    assertThat(ReceiverAddress.isPublic(InetAddress.getByName(address))).isFalse();
    assertThat(ReceiverAddress.problem(address, false)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(ReceiverAddress.isPublic(InetAddress.getByName(address))).isTrue();
    assertThat(ReceiverAddress.problem(address, false)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.5"})
  void theSettingLetsPrivateReceiversThroughOnPurpose(String address) {
    assertThat(ReceiverAddress.problem(address, true)).isEmpty();
  }
}
