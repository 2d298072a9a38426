package io.tenantra.console;

import io.tenantra.identity.ConsoleImpersonation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the layout's impersonation banner when the session's impersonation ends. */
@ControllerAdvice(annotations = Controller.class)
class ImpersonationBannerAdvice {

    private final ConsoleImpersonation impersonation;

    ImpersonationBannerAdvice(ConsoleImpersonation impersonation) {
        this.impersonation = impersonation;
    }

    @ModelAttribute
    void addImpersonationEnd(Model model, HttpServletRequest request) {
        impersonation.expiresAt(request).ifPresent(at -> model.addAttribute("impersonationEndsAt", at));
    }
}
