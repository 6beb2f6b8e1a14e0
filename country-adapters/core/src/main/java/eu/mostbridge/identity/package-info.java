/**
 * The common identity model: what Most knows about a citizen once a national eID has answered,
 * whichever country the citizen comes from. Modelled on the eIDAS natural-person minimum data set.
 *
 * <p>Every type here is immutable and validated on construction, so a value that exists is a value
 * that can be released. None of them print personal data from {@code toString()}.
 */
package eu.mostbridge.identity;
