// The display board refreshes itself: every 3 s it asks the board API and redraws the calls and the waiting
// counts. Without script the page still shows the state at load time (and the meta refresh reloads it).
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root) return;
  var url = root.getAttribute("data-api");
  var labels = JSON.parse(document.getElementById("board-labels").textContent);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(state) {
    var now = document.getElementById("board-calls");
    now.replaceChildren();
    state.calls.forEach(function (call, i) {
      var card = el("div", i < 4 ? "board-call" : "board-call recent");
      card.setAttribute("data-number", call.number);
      card.appendChild(el("div", "number", call.number));
      card.appendChild(el("div", "window", labels.window.replace("%s", call.window)));
      now.appendChild(card);
    });
    if (!state.calls.length) now.appendChild(el("p", "", labels.none));
    var w = state.waiting;
    document.getElementById("board-waiting").textContent = labels.waiting
      .replace("%a", w.walk_in).replace("%b", w.appointment).replace("%v", w.priority);
    document.getElementById("board-updated").textContent = labels.updated + " " + new Date().toLocaleTimeString();
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) draw(state); })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 3000);
})();
