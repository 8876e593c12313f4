// The oral-history player: the transcript follows the recording, lines and chapters
// seek, and a second transcript can sit alongside the first, aligned by time.
// Without JavaScript the page still reads and every time is a ?t= link that the
// server turns into a media fragment; this only adds behaviour. All words shown come
// from the template (the selects, the "back to the current line" button).
(function () {
  "use strict";
  var root = document.querySelector("[data-oh-player]");
  if (!root) return;
  var media = root.querySelector("audio, video");
  var box = root.querySelector("[data-oh-box]");
  var follow = root.querySelector("[data-oh-follow]");
  var languages = root.querySelector("[data-oh-languages]");
  var primarySelect = root.querySelector("[data-oh-primary]");
  var secondSelect = root.querySelector("[data-oh-second]");
  var startAt = root.hasAttribute("data-start-at") ? parseFloat(root.getAttribute("data-start-at")) || 0 : startFromAddress();
  var motion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var WIDE = "(min-width: 60rem)";  // room for a second transcript alongside the first
  var SAME_ROW = 0.5;  // seconds: lines of two transcripts starting this close share a row
  var GAP = 1;  // seconds after a line's end during which it stays highlighted

  // ?t=90, ?t=1:30, ?t=1:02:03 or ?t=1m30s, read by the server (oral_histories/timecodes.py)
  // into data-start-at and the media's #t= fragment (invalid or past the end: 0); read
  // here the same way only for a page that came without data-start-at.
  function parseTime(text) {
    text = String(text || "").replace(/\s+/g, "").replace(",", ".");
    var clock = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)$/.exec(text);
    var units = /^(?=.)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/i.exec(text);
    var match = clock || units;
    if (!match) return 0;
    var hours = parseInt(match[1] || "0", 10), minutes = parseInt(match[2] || "0", 10);
    var seconds = parseFloat(match[3] || "0");
    if ((match[2] !== undefined && seconds >= 60) || (match[1] !== undefined && match[2] !== undefined && minutes > 59)) return 0;
    var total = hours * 3600 + minutes * 60 + seconds;
    return isFinite(total) && total > 0 ? total : 0;
  }

  function startFromAddress() {
    var found = /[?&]t=([^&#]*)/.exec(window.location.search);
    if (!found) return 0;
    try { return parseTime(decodeURIComponent(found[1])); } catch (error) { return 0; }
  }

  function timed(elements) {
    return Array.prototype.map.call(elements, function (element) {
      var end = element.getAttribute("data-end");
      return {el: element, start: parseFloat(element.getAttribute("data-start")) || 0,
              end: end === null ? null : parseFloat(end)};
    }).sort(function (a, b) { return a.start - b.start; });
  }

  var transcripts = box ? Array.prototype.map.call(box.querySelectorAll("[data-oh-transcript]"), function (section) {
    return {section: section, language: section.getAttribute("data-oh-transcript"),
            lines: timed(section.querySelectorAll(".oh-line")), current: null};
  }) : [];
  var chapters = {lines: timed(root.querySelectorAll("[data-oh-chapter]")), current: null};
  var primary = transcripts[0] || null, second = null;
  var following = true;

  root.classList.add("is-enhanced");
  if (languages) languages.hidden = false;
  // A translation is shown first (the visitor's language); on a wide screen its
  // original sits alongside, as the server suggests. The visitor may change both.
  var suggested = secondSelect && secondSelect.getAttribute("data-oh-suggested");
  if (suggested && window.matchMedia && window.matchMedia(WIDE).matches) secondSelect.value = suggested;

  // The line playing at time t: the last to start at or before t, unless it ended a while ago.
  function indexAt(lines, t, keepAfterEnd) {
    var low = 0, high = lines.length - 1, found = -1;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (lines[mid].start <= t + 0.05) { found = mid; low = mid + 1; } else { high = mid - 1; }
    }
    if (found < 0 || keepAfterEnd) return found;
    var end = lines[found].end;
    return end !== null && t >= end + GAP ? -1 : found;
  }

  function mark(list, index) {
    var line = index >= 0 ? list.lines[index].el : null;
    if (line === list.current) return false;
    if (list.current) {
      list.current.removeAttribute("aria-current");
      list.current.classList.remove("is-current");
    }
    if (line) {
      line.setAttribute("aria-current", "true");
      line.classList.add("is-current");
    }
    list.current = line;
    return true;
  }

  function scrollToLine(line, always) {
    if (!box || !line) return;
    var boxRect = box.getBoundingClientRect(), lineRect = line.getBoundingClientRect();
    var inView = lineRect.top >= boxRect.top && lineRect.bottom <= boxRect.bottom;
    if (inView && !always) return;
    // Scroll the transcript box only, never the page around it.
    box.scrollTo({
      top: box.scrollTop + (lineRect.top - boxRect.top) - box.clientHeight / 3,
      behavior: motion && motion.matches ? "auto" : "smooth"
    });
  }

  // Mark the current line of each shown transcript and the current chapter; bring the
  // line into view when it changes (or when asked), unless the visitor is scrolling.
  function update(reveal) {
    if (!media) return;
    var t = media.currentTime;
    transcripts.forEach(function (transcript) {
      var changed = mark(transcript, transcript.section.hidden ? -1 : indexAt(transcript.lines, t, false));
      if (transcript === primary && following && (changed || reveal)) scrollToLine(transcript.current, false);
    });
    mark(chapters, indexAt(chapters.lines, t, true));
  }

  function resumeFollowing() {
    following = true;
    if (follow) follow.hidden = true;
  }

  function pauseFollowing() {
    if (!following || !media || box.scrollHeight <= box.clientHeight) return;
    following = false;
    if (follow) follow.hidden = false;
  }

  function seek(time) {
    if (!media) return;
    resumeFollowing();
    try { media.currentTime = time; } catch (error) { /* not seekable yet: the fragment still applies */ }
    var playing = media.play();
    if (playing && playing.catch) playing.catch(function () { /* autoplay refused: the position is set */ });
    update(false);
  }

  // -- a second transcript alongside, aligned by time ------------------------------
  function align(first, other) {
    var events = [];
    first.lines.forEach(function (line) { events.push({line: line, column: 0}); });
    other.lines.forEach(function (line) { events.push({line: line, column: 1}); });
    events.sort(function (a, b) { return a.line.start - b.line.start || a.column - b.column; });
    var row = 0, rowStart = -Infinity, used = [false, false];
    events.forEach(function (event) {
      if (used[event.column] || event.line.start - rowStart > SAME_ROW) {
        row += 1;
        rowStart = event.line.start;
        used = [false, false];
      }
      used[event.column] = true;
      event.line.el.style.gridRow = String(row);
    });
    box.style.setProperty("--oh-rows", String(Math.max(row, 1)));
    box.style.setProperty("--oh-span", String(Math.max(row, 1) + 1));
  }

  function layout() {
    var primaryLanguage = primarySelect ? primarySelect.value : (primary && primary.language);
    if (secondSelect) {
      Array.prototype.forEach.call(secondSelect.options, function (option) {
        option.disabled = option.value !== "" && option.value === primaryLanguage;
      });
      if (secondSelect.value === primaryLanguage) secondSelect.value = "";
    }
    var secondLanguage = secondSelect ? secondSelect.value : "";
    primary = null;
    second = null;
    transcripts.forEach(function (transcript) {
      if (transcript.language === primaryLanguage) primary = transcript;
      else if (transcript.language === secondLanguage) second = transcript;
    });
    primary = primary || transcripts[0] || null;
    transcripts.forEach(function (transcript) {
      transcript.section.hidden = transcript !== primary && transcript !== second;
      transcript.section.classList.toggle("is-second", transcript === second);
      transcript.lines.forEach(function (line) { line.el.style.gridRow = ""; });
      // The second column's times repeat the first's: keep one tab stop per moment.
      Array.prototype.forEach.call(transcript.section.querySelectorAll("a[data-seek]"), function (link) {
        if (transcript === second) link.setAttribute("tabindex", "-1"); else link.removeAttribute("tabindex");
      });
    });
    if (!box) return;
    // Reading order follows what is shown: the chosen transcript first.
    if (primary) box.insertBefore(primary.section, box.firstChild);
    if (second) box.insertBefore(second.section, primary.section.nextSibling);
    box.classList.toggle("is-paired", !!second);
    if (second) align(primary, second);
    update(true);
  }

  // -- events ---------------------------------------------------------------------
  root.addEventListener("click", function (event) {
    if (!media || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;  // a new tab: let the link work
    var link = event.target.closest("a");
    if (link && !link.hasAttribute("data-seek")) return;  // a place on the map, a download
    var target = link || event.target.closest(".oh-line, .oh-chapter");
    if (!target || !root.contains(target)) return;
    if (!link && String(window.getSelection ? window.getSelection() : "").length) return;  // selecting a quote
    var time = parseFloat(target.getAttribute(link ? "data-seek" : "data-start"));
    if (isNaN(time)) return;
    event.preventDefault();
    seek(time);
  });

  if (box) {
    box.addEventListener("wheel", pauseFollowing, {passive: true});
    box.addEventListener("touchmove", pauseFollowing, {passive: true});
    box.addEventListener("pointerdown", function (event) { if (event.target === box) pauseFollowing(); });  // the scroll bar
    box.addEventListener("keydown", function (event) {
      if (["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "].indexOf(event.key) >= 0) pauseFollowing();
    });
  }

  if (follow) {
    follow.addEventListener("click", function () {
      resumeFollowing();
      var line = primary && primary.current;
      var link = line && line.querySelector("a[data-seek]");
      // Focus moves to the current line, not to the button that is about to hide.
      if (link) link.focus({preventScroll: true}); else if (box) box.focus({preventScroll: true});
      scrollToLine(line, true);
    });
  }

  if (primarySelect) primarySelect.addEventListener("change", layout);
  if (secondSelect) secondSelect.addEventListener("change", layout);

  if (media) {
    media.addEventListener("timeupdate", function () { update(false); });
    media.addEventListener("seeked", function () { update(false); });
    var started = false;
    var start = function () {
      if (started) return;
      started = true;
      if (startAt > 0 && Math.abs(media.currentTime - startAt) > 0.25) {
        try { media.currentTime = startAt; } catch (error) { /* the media fragment already asked for it */ }
      }
      update(true);
    };
    if (media.readyState >= 1) start(); else media.addEventListener("loadedmetadata", start);
  }

  layout();
})();
