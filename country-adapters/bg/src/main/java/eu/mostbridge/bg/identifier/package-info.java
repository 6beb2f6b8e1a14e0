/** Bulgarian national identity numbers: the citizen's EGN and the foreign resident's LNCh. */
package eu.mostbridge.bg.identifier;
