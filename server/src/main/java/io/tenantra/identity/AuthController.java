package io.tenantra.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.Origins;
import io.tenantra.platform.web.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in, token refresh and sign-out for API clients. Before sign-in nobody is known, so this
 * edge reads the request's origin itself and hands it to {@link AuthService}.
 */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Authentication")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PublicEndpoint
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Exchange a username and password (and, with MFA, a code) for an access and a refresh token",
            description = "Accounts with multi-factor authentication also send `totp`: the current 6-digit code or"
                    + " an unused recovery code; without it the answer is 401 `mfa-required`. Too many attempts per"
                    + " address or username, or a locked account, answer 429 with Retry-After.")
    AuthService.TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request.username(), request.password(), request.totp(), Origins.of(http));
    }

    @PublicEndpoint
    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rotate a refresh token into a new token pair")
    AuthService.TokenPair refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return auth.refresh(request.refreshToken(), Origins.of(http));
    }

    @AuthenticatedEndpoint
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the caller's session; its refresh token stops working")
    void logout(TenantContext me) {
        auth.logout(me);
    }

    record LoginRequest(
            @Schema(example = "admin") @NotBlank @Size(max = 100)
            String username,

            @Schema(example = "correct horse battery staple") @NotBlank @Size(max = 1024)
            String password,

            @Schema(example = "123456", description = "with MFA only: the current code or a recovery code")
            @Size(max = 32)
            String totp) {}

    record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}
}
