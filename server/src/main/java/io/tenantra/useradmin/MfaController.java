package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.MfaService;
import io.tenantra.identity.PasswordPolicy;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Your own multi-factor authentication: enrol a TOTP authenticator, recovery codes, turn it off. */
@RestController
@RequestMapping(path = "/api/v1/me/mfa", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Profile")
class MfaController {

    private final MfaService mfa;

    MfaController(MfaService mfa) {
        this.mfa = mfa;
    }

    @AuthenticatedEndpoint
    @PostMapping("/totp")
    @Operation(
            summary = "Start enrolling a TOTP authenticator",
            description = "Returns a new secret as base32 text, as an otpauth:// URI and as a QR code (PNG data URI)."
                    + " MFA is not on until the secret is confirmed with a code. 409 when MFA is already on.")
    MfaService.Enrolment start(TenantContext me) {
        return mfa.start(me);
    }

    @AuthenticatedEndpoint
    @PostMapping(path = "/totp/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Confirm the enrolment with a current code; turns MFA on",
            description = "Returns 10 one-time recovery codes. They are shown only in this response.")
    RecoveryCodesResponse confirm(TenantContext me, @Valid @RequestBody CodeRequest request) {
        return new RecoveryCodesResponse(mfa.confirm(me, request.code()));
    }

    @AuthenticatedEndpoint
    @DeleteMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Turn MFA off with your password and a current code or a recovery code",
            description = "409 when your organisation requires MFA or it is not on.")
    void disable(TenantContext me, @Valid @RequestBody DisableRequest request) {
        mfa.disable(me, request.currentPassword(), request.code());
    }

    @AuthenticatedEndpoint
    @PostMapping(path = "/recovery-codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Replace your recovery codes, after a current authenticator code",
            description = "The old codes stop working. The new ones are shown only in this response.")
    RecoveryCodesResponse regenerate(TenantContext me, @Valid @RequestBody CodeRequest request) {
        return new RecoveryCodesResponse(mfa.regenerateRecoveryCodes(me, request.code()));
    }

    record CodeRequest(@NotBlank @Size(max = 32) String code) {}

    record DisableRequest(
            @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String currentPassword,
            @NotBlank @Size(max = 32) String code) {}

    record RecoveryCodesResponse(List<String> recoveryCodes) {}
}
