// The pad's signature box (cases/signatures.py): records each stroke as points in 0..1 of the box, draws it,
// and sends the strokes as JSON with the form. No stroke, no submit.
(function () {
  "use strict";
  var canvas = document.getElementById("pad-signature");
  var form = document.getElementById("pad-sign-form");
  if (!canvas || !form) return;
  var field = document.getElementById("pad-strokes");
  var empty = document.getElementById("pad-sign-empty");
  var ctx = canvas.getContext("2d");
  var strokes = [];
  var current = null;

  function point(event) {
    var box = canvas.getBoundingClientRect();
    var x = (event.clientX - box.left) / box.width;
    var y = (event.clientY - box.top) / box.height;
    return [Math.min(1, Math.max(0, +x.toFixed(4))), Math.min(1, Math.max(0, +y.toFixed(4)))];
  }

  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = 4;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
    strokes.forEach(function (stroke) {
      ctx.beginPath();
      stroke.forEach(function (p, i) {
        var x = p[0] * canvas.width, y = p[1] * canvas.height;
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      if (stroke.length === 1) ctx.lineTo(stroke[0][0] * canvas.width + 0.5, stroke[0][1] * canvas.height);
      ctx.stroke();
    });
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
    empty.hidden = true;
    draw();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!current) return;
    event.preventDefault();
    current.push(point(event));
    draw();
  });
  function end() { current = null; }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  document.getElementById("pad-sign-clear").addEventListener("click", function () {
    strokes = [];
    draw();
  });
  form.addEventListener("submit", function (event) {
    if (!strokes.length) {
      event.preventDefault();
      empty.hidden = false;
      return;
    }
    field.value = JSON.stringify(strokes);
  });
})();
