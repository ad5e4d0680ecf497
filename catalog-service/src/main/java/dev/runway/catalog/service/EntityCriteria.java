package dev.runway.catalog.service;

import java.util.List;

/**
 * The filters shared by list, facets and export, as the caller gave them (null when not given); the service checks
 * and normalises them.
 *
 * @param owner owner entity ref; default kind Group
 * @param tags an entity must carry every tag given
 * @param label {@code key=value}
 * @param system system entity ref; default kind System
 * @param q full-text search over name, title, description and tags
 */
public record EntityCriteria(String kind, String type, String owner, String lifecycle, String namespace,
        List<String> tags, String label, String system, String q) {
}
