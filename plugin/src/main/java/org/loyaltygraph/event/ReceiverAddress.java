package org.loyaltygraph.event;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may go: hosts whose every address is public. Loopback, private, link-local (cloud
 * metadata at 169.254.169.254), shared, unique-local and reserved ranges are refused, so an admin's
 * endpoint cannot make the service call into its own network.
 */
final class ReceiverAddress {

  static final String NOT_PUBLIC =
      "The host resolves to a local or private address; webhooks go to public addresses only.";

  private ReceiverAddress() {}

  /**
   * Why webhooks may not go to {@code host}, or empty when they may: the early answer an admin gets
   * when creating an endpoint. Every send checks again, on the addresses it connects to (see {@link
   * ReceiverResolver}).
   */
  static Optional<String> problem(String host, boolean allowPrivate) {
    if (allowPrivate) {
      return Optional.empty();
    }
    try {
      ReceiverResolver.of(false).resolve(host);
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of(e.getMessage());
    }
  }

  static String doesNotResolve(String host) {
    return "The host " + host + " does not resolve.";
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10, shared (carrier NAT)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol
          && !(first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15, benchmarking
          && first < 240; // reserved and broadcast
    }
    // IPv6: fc00::/7 unique local (site-local fec0::/10 and link-local are caught above)
    return (b[0] & 0xfe) != 0xfc;
  }
}
