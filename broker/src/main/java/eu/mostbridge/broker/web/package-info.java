/**
 * What the citizen-facing pages share: language, texts, the browser cookie, rendering, and the
 * hashes under which secrets handed to browsers and clients are kept.
 */
package eu.mostbridge.broker.web;
