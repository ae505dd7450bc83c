// Print button on guide pages (no inline script: the CSP allows only files from this site).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
