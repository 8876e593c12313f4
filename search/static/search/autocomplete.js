// Suggestions under the search box while typing (ARIA 1.2 combobox with a listbox).
// Without JavaScript the form simply submits; this only adds the list.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var url = form.getAttribute("data-suggest-url");
  var lang = form.getAttribute("data-lang");
  var list = document.createElement("ul");
  list.id = "search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("placeholder") || "");
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null, active = -1, controller = null;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function show(suggestions) {
    list.innerHTML = "";
    active = -1;
    // An option holds plain text, never a link: an option's content is presentational,
    // so a link inside it is a nested control assistive technology can still land on.
    // The option carries its page's address; choosing it (Enter or a click) goes there.
    suggestions.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "suggestion-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("data-url", item.url);
      li.textContent = item.title;
      li.dir = "auto";
      if (item.lang && item.lang !== lang) li.lang = item.lang;
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  function move(step) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (active >= 0) options[active].removeAttribute("aria-selected");
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var typed = input.value.trim();
    if (typed.length < 2) { close(); return; }
    timer = setTimeout(function () {
      if (controller) controller.abort();
      controller = new AbortController();
      fetch(url + "?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(typed), {signal: controller.signal})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) { show(data.suggestions || []); })
        .catch(function () { /* no suggestions: the search itself still works */ });
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("[role=option]")[active].getAttribute("data-url");
    }
  });
  // Pressing on an option keeps the focus in the box (so the list stays open); releasing goes.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) window.location.href = option.getAttribute("data-url");
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
})();
