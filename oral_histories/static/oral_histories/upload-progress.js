/* Progress while a recording uploads (Heritage Commons admin).
 *
 * A master can be gigabytes: a plain form post shows nothing for minutes. When the
 * recording form is submitted with a file chosen, it is sent with XMLHttpRequest so
 * that the upload's progress can be shown (a <progress> bar and a live percentage
 * for screen readers); the server's answer then replaces the page, exactly as the
 * normal submission would. Without JavaScript the form posts as usual.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-recording-upload]") ||
    (document.querySelector("input[type=file][name=file]") || {}).form;
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var labels = JSON.parse((document.getElementById("recording-upload-labels") || {}).textContent || "{}");

  form.addEventListener("submit", function (event) {
    var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length;
    });
    if (!chosen || event.defaultPrevented) return;
    event.preventDefault();

    var box = document.createElement("div");
    box.className = "help-block help-info recording-upload-progress";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var text = document.createElement("span");
    text.textContent = " " + (labels.uploading || "Uploading…");
    box.appendChild(bar);
    box.appendChild(text);
    form.insertBefore(box, form.firstChild);
    box.scrollIntoView({ block: "center" });

    var data = event.submitter ? new FormData(form, event.submitter) : new FormData(form);
    var request = new XMLHttpRequest();
    request.open(form.method || "POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.floor((progress.loaded / progress.total) * 100);
      bar.value = percent;
      text.textContent = " " + (labels.progress || "Uploaded: {percent}%").replace("{percent}", percent);
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      text.textContent = " " + (labels.checking || "Checking the file…");
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.history.replaceState(null, "", request.responseURL);
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      text.textContent = " " + (labels.failed || "The upload failed. Check the connection and try again.");
      box.className = "help-block help-critical recording-upload-progress";
    });
    request.send(data);
  });
})();
