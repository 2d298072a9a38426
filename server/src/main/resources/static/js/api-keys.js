// API keys page: copy the newly created key to the clipboard (no inline scripts under the CSP).
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy-target]');
  if (!button) {
    return;
  }
  var field = document.querySelector(button.getAttribute('data-copy-target'));
  if (!field) {
    return;
  }
  var done = function () {
    button.textContent = 'Copied';
  };
  field.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () {
      document.execCommand('copy');
      done();
    });
  } else {
    document.execCommand('copy');
    done();
  }
});
