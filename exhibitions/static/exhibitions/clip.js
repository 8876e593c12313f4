// Oral-history clips in an exhibition: each plays only its excerpt (start to end),
// highlights the transcript line being spoken, and makes every line a button that
// seeks to it. Without JavaScript the player still gets the media fragment #t=start,end
// and the transcript reads as a list. All words come from the template (data-label-*).
// The ideas follow oral_histories/static/oral_histories/player.js.
(function () {
  "use strict";
  var GAP = 1;  // seconds after a line's end during which it stays highlighted

  function number(element, name, fallback) {
    var value = parseFloat(element.getAttribute(name));
    return isNaN(value) ? fallback : value;
  }

  function enhance(root) {
    var media = root.querySelector("audio, video");
    var start = number(root, "data-start", 0);
    var end = number(root, "data-end", Infinity);
    var play = root.querySelector("[data-clip-play]");
    var playLabel = play ? play.querySelector("[data-clip-play-label]") : null;
    var seekLabel = root.getAttribute("data-seek-label") || "";
    var uiLanguage = root.getAttribute("data-ui-language") || document.documentElement.lang;
    var current = null;

    // Each line becomes one button (its time and words), so a keyboard reaches it with
    // Tab and plays it with Enter or Space. Before the time, a hidden "Play from" in
    // the page's language tells a screen reader what the button does.
    var lines = Array.prototype.map.call(root.querySelectorAll(".clip__line"), function (line) {
      var at = number(line, "data-start", start);
      var lineEnd = line.hasAttribute("data-end") ? number(line, "data-end", null) : null;
      if (media) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "clip__seek";
        button.setAttribute("data-seek", String(at));
        if (seekLabel) {
          var hint = document.createElement("span");
          hint.className = "visually-hidden";
          hint.lang = uiLanguage;
          hint.textContent = seekLabel + " ";
          button.appendChild(hint);
        }
        while (line.firstChild) button.appendChild(line.firstChild);
        line.appendChild(button);
      }
      return {el: line, start: at, end: lineEnd};
    });
    root.classList.add("is-enhanced");
    if (!media) return;

    function inside(t) { return t >= start - 0.25 && t < end - 0.05; }

    function lineAt(t) {
      var found = null;
      for (var i = 0; i < lines.length; i++) {
        if (lines[i].start <= t + 0.05) found = lines[i]; else break;
      }
      if (found && found.end !== null && t >= found.end + GAP) return null;
      return found;
    }

    function mark() {
      var line = media.paused && media.currentTime <= start + 0.05 && !media.played.length ? null : lineAt(media.currentTime);
      var el = line ? line.el : null;
      if (el === current) return;
      if (current) {
        current.classList.remove("is-current");
        current.removeAttribute("aria-current");
      }
      if (el) {
        el.classList.add("is-current");
        el.setAttribute("aria-current", "true");
        reveal(el);
      }
      current = el;
    }

    // A long excerpt's transcript scrolls in its own box: keep the line being spoken in
    // view there, without moving the page around it.
    function reveal(el) {
      var box = el.parentNode;
      if (!box || box.scrollHeight <= box.clientHeight) return;
      var boxRect = box.getBoundingClientRect(), lineRect = el.getBoundingClientRect();
      if (lineRect.top >= boxRect.top && lineRect.bottom <= boxRect.bottom) return;
      box.scrollTop += lineRect.top - boxRect.top - box.clientHeight / 3;
    }

    function label() {
      if (!play || !playLabel) return;
      var playing = !media.paused && !media.ended;
      playLabel.textContent = play.getAttribute(playing ? "data-label-pause" : "data-label-play");
      play.classList.toggle("is-playing", playing);
    }

    function seek(time) {
      try { media.currentTime = time; } catch (error) { /* not seekable yet: the fragment still applies */ }
      var playing = media.play();
      if (playing && playing.catch) playing.catch(function () { /* refused: the position is set */ });
      mark();
    }

    if (play) {
      play.hidden = false;
      play.addEventListener("click", function () {
        if (!media.paused && !media.ended) { media.pause(); return; }
        // Play the excerpt from where it was paused, or from its start.
        seek(inside(media.currentTime) ? media.currentTime : start);
      });
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-seek]");
      if (!button || !root.contains(button)) return;
      if (String(window.getSelection ? window.getSelection() : "").length) return;  // selecting a quote
      seek(parseFloat(button.getAttribute("data-seek")));
    });

    media.addEventListener("timeupdate", function () {
      if (media.currentTime >= end && !media.paused) {
        media.pause();
        try { media.currentTime = end; } catch (error) { /* ignore */ }
      }
      mark();
    });
    media.addEventListener("seeked", mark);
    media.addEventListener("play", function () {
      // The native controls may resume past the end or before the start: back to the start.
      if (!inside(media.currentTime)) {
        try { media.currentTime = start; } catch (error) { /* the fragment asked for it */ }
      }
      label();
    });
    media.addEventListener("pause", label);
    media.addEventListener("ended", label);
    var ready = function () {
      if (media.currentTime < start - 0.25 || media.currentTime > end) {
        try { media.currentTime = start; } catch (error) { /* the fragment asked for it */ }
      }
    };
    if (media.readyState >= 1) ready(); else media.addEventListener("loadedmetadata", ready);
    label();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-clip]:not(.is-enhanced)"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
