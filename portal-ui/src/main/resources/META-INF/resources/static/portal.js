// The portal's only script besides htmx, served from /static so the CSP needs no 'unsafe-inline'.
// A button with data-copy="ELEMENT_ID" copies that element's text to the clipboard.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute('data-copy'));
  if (!source || !navigator.clipboard) {
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(function () {
    button.textContent = 'Copied';
  });
});
