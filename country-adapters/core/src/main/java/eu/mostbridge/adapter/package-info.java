/**
 * The country adapter SPI: what the broker and the Keycloak extensions need from one national eID
 * (Bulgarian eAuth, the MVR eID, North Macedonia's eid.mk), free of any framework.
 *
 * <p>A login through an adapter has two halves. {@link eu.mostbridge.adapter.CountryAdapter#start}
 * turns an {@link eu.mostbridge.adapter.AuthenticationRequest} into a {@link
 * eu.mostbridge.adapter.BrowserStep} (send the browser there) and a {@link
 * eu.mostbridge.adapter.PendingAuthentication} (keep this, bound to that browser, until the
 * answer). {@link eu.mostbridge.adapter.CountryAdapter#complete} takes the {@link
 * eu.mostbridge.adapter.NationalAnswer} that came back to the callback, validates it against the
 * pending authentication, and yields a {@link eu.mostbridge.identity.CommonIdentity} or a typed
 * {@link eu.mostbridge.adapter.AuthenticationFailure}.
 */
package eu.mostbridge.adapter;
