// Console dialogs: a <dialog> that htmx fills with content opens as a modal; any button marked
// data-close-dialog closes the dialog it sits in. (No inline scripts: the CSP forbids them.)
document.addEventListener('htmx:afterSwap', function (event) {
  var target = event.detail.target;
  if (target && target.tagName === 'DIALOG' && !target.open) {
    target.showModal();
  }
});
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-close-dialog]');
  if (button) {
    var dialog = button.closest('dialog');
    if (dialog) {
      dialog.close();
    }
  }
});
