package eu.mostbridge.broker.flow;

import eu.mostbridge.broker.client.Requester;

/**
 * How a login's answer goes back to whoever asked for it: the protocol's part of a login, kept with
 * it from the first request to its end. The front that received the request makes it; a {@link
 * ChannelEnd} of that front answers through it.
 */
public sealed interface ReturnChannel permits OidcReturn, SamlReturn {
  /** Who asked. */
  Requester requester();
}
