package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.MfaService;
import io.tenantra.identity.PasswordPolicy;
import io.tenantra.identity.ProfileService;
import io.tenantra.identity.RoleBinding;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own profile and password. MFA lives in {@link MfaController}. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Profile")
class MeController {

    private final ProfileService profiles;
    private final MfaService mfa;

    MeController(ProfileService profiles, MfaService mfa) {
        this.profiles = profiles;
        this.mfa = mfa;
    }

    @AuthenticatedEndpoint
    @GetMapping
    @Operation(summary = "The signed-in identity, its tenant, roles, effective permissions and MFA state")
    Me me(@AuthenticationPrincipal CurrentUser user, Authentication authentication) {
        CurrentUser subject = ProfileService.profileSubject(user, authentication);
        return describe(subject, profiles.profile(subject));
    }

    @AuthenticatedEndpoint
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change your e-mail address and display name (409 when the address is taken in your tenant)")
    Me update(TenantContext me, @Valid @RequestBody ProfileRequest request) {
        return describe(me.user(), profiles.update(me, request.email(), request.displayName()));
    }

    @AuthenticatedEndpoint
    @PutMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Change your password",
            description = "A wrong current password answers 422 on currentPassword (the session stays) and counts"
                    + " towards the account lockout. On success every other session of yours ends.")
    void changePassword(TenantContext me, @Valid @RequestBody PasswordRequest request) {
        profiles.changePassword(me, request.currentPassword(), request.newPassword(), null);
    }

    private Me describe(CurrentUser user, ProfileService.Profile profile) {
        Set<String> permissions = new TreeSet<>();
        user.permissions().forEach(p -> permissions.add(p.name()));
        MfaService.Status status = mfa.status(user);
        return new Me(
                profile.id(),
                profile.username(),
                profile.email(),
                profile.displayName(),
                profile.tenantId(),
                new TreeSet<>(user.roles()),
                permissions,
                user.bindings(),
                status.enabled(),
                status.required(),
                user.isImpersonated() ? new Person(user.impersonatorId(), user.impersonatorName()) : null,
                user.apiKeyId());
    }

    record ProfileRequest(
            @NotBlank @Email @Size(min = 3, max = 254) String email,
            @NotBlank @Size(max = 200) String displayName) {}

    record PasswordRequest(
            @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
            @NotNull String newPassword) {}

    /** Someone named in a profile: the real person behind an impersonation. */
    record Person(UUID id, String username) {}

    /**
     * @param mfaRequired the tenant or an ancestor requires MFA (with mfaEnabled false, only
     *     enrolment is open until the user enrols)
     * @param impersonatedBy the admin acting as this user, or null
     * @param apiKeyId set when the caller authenticated with an API key (the profile is its creator's)
     */
    record Me(
            UUID id,
            String username,
            String email,
            String displayName,
            UUID tenantId,
            Set<String> roles,
            Set<String> permissions,
            List<RoleBinding> bindings,
            boolean mfaEnabled,
            boolean mfaRequired,
            Person impersonatedBy,
            UUID apiKeyId) {}
}
