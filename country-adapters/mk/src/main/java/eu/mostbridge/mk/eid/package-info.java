/**
 * North Macedonia's national eID (eid.mk). Its claim names, levels and endpoints are not public:
 * everything is configuration, with a documented default profile that is an assumption. See
 * docs/adapters/MK-EID.md.
 */
package eu.mostbridge.mk.eid;
