package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the signed-in user and the navigation they may use into every console page's model: the
 * items they may see, grouped into the bar's menus ({@link NavEntry}).
 */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModelAdvice {

    private final List<NavItem> navigation;

    ConsoleModelAdvice(List<NavItem> navigation) {
        Contributions.requireUnique("navigation target", navigation, NavItem::href);
        Contributions.requireUnique("navigation label", navigation, NavItem::label);
        this.navigation = navigation.stream()
                .sorted(Comparator.comparingInt(NavItem::order))
                .toList();
    }

    @ModelAttribute
    void addLayout(Model model, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            model.addAttribute("currentUser", user);
            model.addAttribute(
                    "navigation",
                    NavEntry.bar(navigation.stream()
                            .filter(item -> item.shownTo(user))
                            .toList()));
        }
    }
}
