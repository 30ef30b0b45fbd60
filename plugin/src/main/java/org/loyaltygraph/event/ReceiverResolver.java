package org.loyaltygraph.event;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's only way from a receiver's name to its addresses: the name is looked up once
 * per connection, and the client gets those very addresses, only if webhooks may go to every one of
 * them. The address checked is the address connected to, so a name that answers a public address to
 * one lookup and a private one to the next (DNS rebinding) gets nowhere. Only the lookup is
 * replaced: TLS still checks the certificate against the name and sends it as SNI.
 */
final class ReceiverResolver implements DnsResolver {

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

  private final Lookup lookup;
  private final Predicate<InetAddress> allowed;

  ReceiverResolver(Lookup lookup, Predicate<InetAddress> allowed) {
    this.lookup = lookup;
    this.allowed = allowed;
  }

  /** Public addresses only, unless the setting lets private receivers through on purpose. */
  static ReceiverResolver of(boolean allowPrivateAddresses) {
    return new ReceiverResolver(
        InetAddress::getAllByName,
        allowPrivateAddresses ? address -> true : ReceiverAddress::isPublic);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
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
    return addresses.clone();
  }

  /** Only Kerberos asks for it, and webhooks do not authenticate that way. */
  @Override
  public String resolveCanonicalHostname(String host) {
    return host;
  }
}
