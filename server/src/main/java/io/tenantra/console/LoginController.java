package io.tenantra.console;

import io.tenantra.platform.web.PublicEndpoint;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    @PublicEndpoint
    @GetMapping("/login")
    String login(
            Authentication authentication,
            @RequestParam(name = "locked", required = false) String locked,
            @RequestParam(name = "mfa", required = false) String mfa,
            Model model) {
        // Someone already signed in has no business on the login page.
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        // The query comes from our own failure redirect, but anyone can type one: digits only.
        if (locked != null && locked.matches("\\d{1,6}")) {
            model.addAttribute("lockedSeconds", Long.parseLong(locked));
        }
        model.addAttribute("mfaRequested", mfa != null);
        return "login";
    }
}
