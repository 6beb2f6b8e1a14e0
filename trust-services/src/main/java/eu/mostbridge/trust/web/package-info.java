/** The page for people: upload, the answer in plain words (bg, mk, en), the PDF summary. */
package eu.mostbridge.trust.web;
