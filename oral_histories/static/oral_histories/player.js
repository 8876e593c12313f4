// The oral-history player: the transcript follows the recording, lines and chapters
// seek, and a second transcript can sit alongside the first, aligned by time.
// Without JavaScript the page still reads and every time is a ?t= link that the
// server turns into a media fragment; this only adds behaviour. All words shown come
// from the template (the selects, the "back to the current line" button) or from the
// server (what is announced when a part of a long transcript is added).
//
// A long transcript comes a part at a time (oral_histories/transcript_parts.py): the
// page holds one window of time of every transcript, and the parts before and after
// it are fetched from the part view (JSON: each transcript's lines in the page's own
// markup) when the reader scrolls near either end of the box, uses the "Previous
// part"/"Next part" links, or the recording plays or seeks past what is there. What
// is loaded stays one unbroken span of time; a seek far away replaces it.
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
            list: section.querySelector(".oh-lines"),
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
    if (!following || !media || !box || box.scrollHeight <= box.clientHeight) return;
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
    });
    if (!box) return;
    // Reading order follows what is shown: the chosen transcript first.
    if (primary) box.insertBefore(primary.section, box.firstChild);
    if (second) box.insertBefore(second.section, primary.section.nextSibling);
    box.classList.toggle("is-paired", !!second);
    arrange();
    update(true);
  }

  // Lines placed for what is shown (after a change of transcripts or a part added).
  function arrange() {
    transcripts.forEach(function (transcript) {
      transcript.lines.forEach(function (line) { line.el.style.gridRow = ""; });
      // The second column's times repeat the first's: keep one tab stop per moment.
      Array.prototype.forEach.call(transcript.section.querySelectorAll("a[data-seek]"), function (link) {
        if (transcript === second) link.setAttribute("tabindex", "-1"); else link.removeAttribute("tabindex");
      });
    });
    if (box && second) align(primary, second);
  }

  // -- a long transcript, a part at a time -----------------------------------------
  var parts = box && box.hasAttribute("data-oh-part-url") ? {
    url: box.getAttribute("data-oh-part-url"),
    from: parseFloat(box.getAttribute("data-oh-from")) || 0,
    until: box.hasAttribute("data-oh-until") ? parseFloat(box.getAttribute("data-oh-until")) : null,
    hasPrevious: box.hasAttribute("data-oh-has-previous"),
    step: 0,  // seconds the last part spanned: how far past the loaded span is "the next part"
    loading: false,
    pending: false,  // the recording went past what is loaded while a part was coming
    failed: 0  // when a fetch last failed: scrolling and playing do not ask again for a while
  } : null;
  var RETRY = 10000;  // ms
  var previousLink = root.querySelector("[data-oh-previous]");
  var nextLink = root.querySelector("[data-oh-next]");
  var announcer = root.querySelector("[data-oh-announce]");
  var rangeLabel = root.querySelector("[data-oh-parts-label]");
  if (parts) {
    parts.step = parts.until !== null ? parts.until - parts.from : 0;
    if (rangeLabel) rangeLabel.hidden = true;  // what is loaded grows; each line shows its time
  }

  // The part links name the parts beyond what is loaded now (the page's own ?until=/?from=,
  // for a new tab, or should a fetch fail).
  function showLinks() {
    if (previousLink) {
      previousLink.hidden = !parts.hasPrevious;
      previousLink.setAttribute("href", "?until=" + parts.from + "#transcript-heading");
    }
    if (nextLink) {
      nextLink.hidden = parts.until === null;
      if (parts.until !== null) nextLink.setAttribute("href", "?from=" + parts.until + "#transcript-heading");
    }
  }

  // Put a part's lines in place: "append" after what is loaded, "prepend" before it
  // (the box keeps showing the same lines), "replace" instead of it. Returns the first
  // added line of the transcript read first.
  function insert(data, how) {
    var before = box.scrollHeight, firstAdded = null;
    transcripts.forEach(function (transcript) {
      if (!transcript.list) return;
      var holder = document.createElement("template");
      holder.innerHTML = (data.transcripts && data.transcripts[transcript.language]) || "";
      var added = holder.content.querySelector(".oh-line");
      if (how === "replace") {
        transcript.list.textContent = "";
        transcript.current = null;
      }
      if (how === "prepend") transcript.list.insertBefore(holder.content, transcript.list.firstChild);
      else transcript.list.appendChild(holder.content);
      transcript.lines = timed(transcript.list.querySelectorAll(".oh-line"));
      if (transcript === primary) firstAdded = added;
    });
    if (how !== "append") {
      parts.from = data.from;
      parts.hasPrevious = data.has_previous;
    }
    if (how !== "prepend") parts.until = data.until;
    if (data.until !== null) parts.step = data.until - data.from;
    arrange();
    if (how === "prepend") box.scrollTop += box.scrollHeight - before;
    showLinks();
    if (announcer) announcer.textContent = data.announce || "";
    return firstAdded;
  }

  // Fetch the part ``query`` names and put it in place ``how``; then ``done(first line added)``.
  function load(query, how, done) {
    if (!parts || parts.loading) return;
    parts.loading = true;
    box.setAttribute("aria-busy", "true");
    var address = parts.url + "?" + Object.keys(query).map(function (key) {
      return key + "=" + encodeURIComponent(query[key]);
    }).join("&");
    fetch(address, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        parts.loading = false;
        box.removeAttribute("aria-busy");
        var first = insert(data, how);
        if (done) done(first, true);
        if (parts.pending && media) {
          // The recording moved on while this part was coming: catch up with it.
          parts.pending = false;
          reach(media.currentTime);
        }
        fill();
      })
      .catch(function () {
        parts.loading = false;
        parts.failed = Date.now();
        box.removeAttribute("aria-busy");
        if (done) done(null, false);
      });
  }

  function loadNext(done) { if (parts && parts.until !== null) load({from: parts.until}, "append", done); }
  function loadPrevious(done) { if (parts && parts.hasPrevious) load({until: parts.from}, "prepend", done); }

  function resting() { return Date.now() - parts.failed < RETRY; }

  // Near either end of the box, the part beyond it (the box scrolled by the reader or
  // by the recording it follows); and when the box is not full, the part after.
  function fill() {
    if (!parts || parts.loading || !box || resting()) return;
    var room = box.clientHeight;
    if (!room) return;  // not shown: nothing to fill
    if (parts.until !== null && box.scrollTop + room >= box.scrollHeight - room) loadNext();
    else if (parts.hasPrevious && box.scrollTop <= room / 2 && box.scrollHeight > room) loadPrevious();
  }

  // The recording is at ``t``: have its line loaded. Just past either end, the
  // following part; further away, the part that holds ``t`` instead of what is there.
  function reach(t) {
    if (!parts || resting()) return;
    if (parts.loading) {
      parts.pending = true;
      return;
    }
    var near = Math.max(parts.step, 60);
    var after = parts.until !== null && t >= parts.until;
    var before = parts.hasPrevious && t < parts.from;
    if (!after && !before) return;
    var again = function (first, ok) { if (ok) { update(true); reach(media.currentTime); } };
    if (after && t - parts.until < near) loadNext(again);
    else if (before && parts.from - t < near) loadPrevious(again);
    else load({at: t}, "replace", again);
  }

  // A part link used: its lines added in place, the keyboard taken to the first of them.
  function follows(link, action) {
    if (!link) return;
    link.addEventListener("click", function (event) {
      if (!parts || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (parts.loading) return;
      pauseFollowing();
      action(function (first, ok) {
        if (!ok) { window.location.href = link.href; return; }  // the plain link still works
        if (!first) return;
        var target = first.querySelector("a[data-seek]");
        if (!target) {
          first.setAttribute("tabindex", "-1");
          target = first;
        }
        target.focus({preventScroll: true});
        scrollToLine(first, true);
      });
    });
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
      if (media) reach(media.currentTime);  // the current line may be in a part not loaded
      var line = primary && primary.current;
      var link = line && line.querySelector("a[data-seek]");
      // Focus moves to the current line, not to the button that is about to hide.
      if (link) link.focus({preventScroll: true}); else if (box) box.focus({preventScroll: true});
      scrollToLine(line, true);
    });
  }

  if (parts) {
    box.addEventListener("scroll", fill, {passive: true});
    follows(nextLink, loadNext);
    follows(previousLink, loadPrevious);
    showLinks();
  }

  if (primarySelect) primarySelect.addEventListener("change", layout);
  if (secondSelect) secondSelect.addEventListener("change", layout);

  if (media) {
    media.addEventListener("timeupdate", function () {
      update(false);
      // Playing on past what is loaded: the transcript follows, unless the reader is elsewhere.
      if (following && !media.paused) reach(media.currentTime);
    });
    media.addEventListener("seeked", function () {
      update(false);
      if (following) reach(media.currentTime);
    });
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
