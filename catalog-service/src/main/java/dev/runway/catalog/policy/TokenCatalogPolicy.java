package dev.runway.catalog.policy;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.security.Roles;

/**
 * Decides from the token alone (until access-service's typed client exists): platform-admins and Runway's service
 * accounts may write anything;
 * a developer may write an entity only when it is owned by one of the caller's teams, before and after the change.
 */
@ApplicationScoped
public class TokenCatalogPolicy implements CatalogPolicy {

    @Override
    public Decision mayWrite(Caller caller, String currentOwnerRef, String newOwnerRef, boolean isNew) {
        if (caller.isPlatformAdmin()) {
            return Decision.allow("platform-admin");
        }
        if (caller.roles().contains(Roles.SERVICE)) {
            // Runway's own services (provisioning registering a Resource) act on requests they already authorized.
            return Decision.allow("Runway service account");
        }
        if (!caller.roles().contains(Roles.DEVELOPER)) {
            return Decision.deny("only developers and platform-admins write to the catalog");
        }
        if (!isNew) {
            if (currentOwnerRef == null) {
                return Decision.deny("entities without an owning team are managed by platform-admins");
            }
            if (!caller.isMemberOf(currentOwnerRef)) {
                return Decision.deny("you are not a member of the owning team " + currentOwnerRef);
            }
        }
        if (newOwnerRef != null && !caller.isMemberOf(newOwnerRef)) {
            return Decision.deny("the owner " + newOwnerRef + " must be a team you belong to");
        }
        if (isNew && newOwnerRef == null) {
            return Decision.deny("entities without an owning team are managed by platform-admins");
        }
        return Decision.allow("member of the owning team");
    }
}
