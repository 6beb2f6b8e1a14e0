/** Bulgarian names in Latin script, by the Transliteration Act of 2009. */
package eu.mostbridge.bg.name;
