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
