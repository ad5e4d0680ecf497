package dev.runway.provisioning.policy;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.security.Roles;
import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * Decides from the token alone until access-service's decision API is available: platform-admins may do
 * anything, team members manage their team's resources, auditors read everything, and approvals come from a
 * team lead (configured like the realm's group attribute {@code leads}) or a platform-admin who is not the
 * requester.
 */
@ApplicationScoped
public class TokenProvisioningPolicy implements ProvisioningPolicy {
    private final ProvisioningConfig config;

    public TokenProvisioningPolicy(ProvisioningConfig config) {
        this.config = config;
    }

    @Override
    public boolean maySeeAll(Caller caller) {
        return caller.isPlatformAdmin() || caller.roles().contains(Roles.AUDITOR);
    }

    @Override
    public boolean maySee(Caller caller, String team) {
        return maySeeAll(caller) || caller.isMemberOf(team);
    }

    @Override
    public boolean mayManage(Caller caller, String team) {
        return caller.isPlatformAdmin() || caller.isMemberOf(team);
    }

    @Override
    public boolean mayDecide(Caller caller, String team, String requester) {
        if (caller.name().equals(requester)) {
            return false;
        }
        return caller.isPlatformAdmin() || isLead(caller.name(), team);
    }

    private boolean isLead(String user, String team) {
        String leads = config.teamLeads().get(team);
        return leads != null && Arrays.stream(leads.split(",")).map(String::trim).anyMatch(user::equals);
    }
}
