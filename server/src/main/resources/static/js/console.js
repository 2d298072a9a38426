// Console-wide behaviour: CSRF header on htmx requests, and back to the login page when the
// session has ended (the server answers 401 or redirects to /login).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});
document.addEventListener('htmx:responseError', function (event) {
  if (event.detail.xhr.status === 401) {
    window.location.assign('/login?expired');
  }
});

// Disclosure buttons (the folded navigation, the navigation's menus, the tenant switcher): a
// button with data-console-toggle="ID" shows or hides the element ID by toggling Bootstrap's
// "show" class. Bootstrap's own script is not loaded, so this is the whole behaviour; opening a
// menu closes the other open menus, and a click elsewhere or Escape closes them all.
var MENUS = '.console-switcher-menu.show, .console-nav-menu.show';
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-console-toggle]');
  if (button) {
    var target = document.getElementById(button.getAttribute('data-console-toggle'));
    if (target) {
      document.querySelectorAll(MENUS).forEach(function (menu) {
        if (menu !== target && !menu.contains(target)) {
          closeMenu(menu);
        }
      });
      var open = target.classList.toggle('show');
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      var filter = open ? target.querySelector('[data-console-filter]') : null;
      if (filter) {
        filter.focus();
      }
    }
    return;
  }
  document.querySelectorAll(MENUS).forEach(function (menu) {
    if (!menu.contains(event.target)) {
      closeMenu(menu);
    }
  });
});
document.addEventListener('keydown', function (event) {
  if (event.key === 'Escape') {
    document.querySelectorAll(MENUS).forEach(closeMenu);
  }
});
function closeMenu(menu) {
  menu.classList.remove('show');
  var button = document.querySelector('[data-console-toggle="' + menu.id + '"]');
  if (button) {
    button.setAttribute('aria-expanded', 'false');
  }
}

// Filter boxes: an input with data-console-filter="LIST" hides the list's items whose
// data-filter-text does not contain what was typed (case-insensitive).
document.addEventListener('input', function (event) {
  var input = event.target.closest('[data-console-filter]');
  if (!input) {
    return;
  }
  var listId = input.getAttribute('data-console-filter');
  var list = document.getElementById(listId);
  if (!list) {
    return;
  }
  var wanted = input.value.trim().toLowerCase();
  var shown = 0;
  list.querySelectorAll('[data-filter-text]').forEach(function (item) {
    var match = item.getAttribute('data-filter-text').toLowerCase().indexOf(wanted) !== -1;
    item.hidden = !match;
    if (match) {
      shown++;
    }
  });
  var empty = document.querySelector('[data-console-filter-empty="' + listId + '"]');
  if (empty) {
    empty.classList.toggle('d-none', shown > 0);
  }
});
