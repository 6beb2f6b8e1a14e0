/** What the citizen-facing pages share: language, texts, the browser cookie, rendering. */
package eu.mostbridge.broker.web;
