// The kiosk forgets the person when nobody touches the screen: after data-idle seconds a visible warning
// counts down data-warning seconds, then the session is finished. Any touch or key resets the clock.
// data-idle="0" (elder mode, or nobody identified) turns it off. No inline script: the CSP allows files only.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle") || "0", 10);
  var warning = parseInt(body.getAttribute("data-warning") || "20", 10);
  if (!idle) { return; }
  var box = document.getElementById("idle-warning");
  var count = document.getElementById("idle-count");
  var idleTimer = null, tick = null, left = warning;

  function finish() { document.getElementById("end-form").submit(); }

  function warn() {
    left = warning;
    count.textContent = left;
    box.hidden = false;
    tick = setInterval(function () {
      left -= 1;
      count.textContent = left;
      if (left <= 0) { clearInterval(tick); finish(); }
    }, 1000);
  }

  function reset() {
    if (tick) { clearInterval(tick); tick = null; }
    box.hidden = true;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(warn, idle * 1000);
  }

  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, reset, { passive: true });
  });
  reset();
})();
