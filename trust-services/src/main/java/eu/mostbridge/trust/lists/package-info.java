/**
 * The trusted lists: the EU list of trusted lists and North Macedonia's list, read off the request
 * threads into immutable snapshots, with a last good copy on disk.
 */
package eu.mostbridge.trust.lists;
