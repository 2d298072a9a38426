package io.tenantra.useradmin.web;

import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.MfaService;
import io.tenantra.identity.ProfileService;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's own page: details, password and two-factor authentication, through the
 * same services (and so the same rules, errors and audit records) as {@code /api/v1/me}. Results
 * that carry a secret (the new TOTP key, recovery codes) are rendered straight into the response
 * to the POST, never stored in the session for a redirect.
 */
@Controller
@RequestMapping("/profile")
class ProfileController {

    private final ProfileService profiles;
    private final MfaService mfa;
    private final CallContexts calls;

    ProfileController(ProfileService profiles, MfaService mfa, CallContexts calls) {
        this.profiles = profiles;
        this.mfa = mfa;
        this.calls = calls;
    }

    @AuthenticatedEndpoint
    @GetMapping
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        return page(model, user, profiles.profile(user));
    }

    @AuthenticatedEndpoint
    @PostMapping
    String update(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            profiles.update(calls.caller(user, request), email, displayName);
        } catch (ApiException e) {
            ProfileService.Profile stored = profiles.profile(user);
            // Show what was typed, so a typo can be fixed rather than retyped.
            ProfileService.Profile typed =
                    new ProfileService.Profile(stored.id(), stored.tenantId(), stored.username(), email, displayName);
            return failed(model, response, user, typed, e);
        }
        redirect.addFlashAttribute("message", "Your profile was saved.");
        return "redirect:/profile";
    }

    @AuthenticatedEndpoint
    @PostMapping("/password")
    String changePassword(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            HttpSession session,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        int ended;
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw ApiException.invalid("confirmPassword", "does not match the new password");
            }
            ended = profiles.changePassword(calls.caller(user, request), currentPassword, newPassword, session.getId());
        } catch (ApiException e) {
            return failed(model, response, user, profiles.profile(user), e);
        }
        redirect.addFlashAttribute(
                "message",
                "Your password was changed." + (ended > 0 ? " " + ended + " other session(s) were signed out." : ""));
        return "redirect:/profile";
    }

    @AuthenticatedEndpoint
    @PostMapping("/mfa/start")
    String startMfa(
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            model.addAttribute("enrolment", mfa.start(calls.caller(user, request)));
        } catch (ApiException e) {
            return failed(model, response, user, profiles.profile(user), e);
        }
        return page(model, user, profiles.profile(user));
    }

    @AuthenticatedEndpoint
    @PostMapping("/mfa/confirm")
    String confirmMfa(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            model.addAttribute("recoveryCodes", mfa.confirm(calls.caller(user, request), code));
        } catch (ApiException e) {
            return failed(model, response, user, profiles.profile(user), e);
        }
        model.addAttribute("message", "Two-factor authentication is on.");
        return page(model, user, profiles.profile(user));
    }

    @AuthenticatedEndpoint
    @PostMapping("/mfa/recovery-codes")
    String regenerateCodes(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            model.addAttribute("recoveryCodes", mfa.regenerateRecoveryCodes(calls.caller(user, request), code));
        } catch (ApiException e) {
            return failed(model, response, user, profiles.profile(user), e);
        }
        model.addAttribute("message", "New recovery codes were made; the old ones no longer work.");
        return page(model, user, profiles.profile(user));
    }

    @AuthenticatedEndpoint
    @PostMapping("/mfa/disable")
    String disableMfa(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            mfa.disable(calls.caller(user, request), currentPassword, code);
        } catch (ApiException e) {
            return failed(model, response, user, profiles.profile(user), e);
        }
        redirect.addFlashAttribute("message", "Two-factor authentication is off.");
        return "redirect:/profile";
    }

    private String failed(
            Model model,
            HttpServletResponse response,
            CurrentUser user,
            ProfileService.Profile profile,
            ApiException e) {
        response.setStatus(e.type().status().value());
        model.addAttribute("error", e.getMessage());
        model.addAttribute("fieldErrors", e.errors());
        return page(model, user, profile);
    }

    private String page(Model model, CurrentUser user, ProfileService.Profile profile) {
        model.addAttribute("profile", profile);
        model.addAttribute("mfa", mfa.status(user));
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", List.<ApiException.FieldError>of());
        }
        return "useradmin/profile";
    }
}
