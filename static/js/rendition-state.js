/* The photo page's renditions state, kept current while they are made in the background
   (issue 15): while the state is "pending", ask the admin every few seconds and swap in the
   state, the renditions summary and the crop previews once it changes. No reload, and nothing
   typed in the form is touched. */
(function () {
  "use strict";

  var PARTS = ["rendition_state", "rendition_summary", "crop_previews"];
  var FIRST_DELAY = 1500, LONGEST_DELAY = 15000, GIVE_UP_AFTER = 30 * 60 * 1000;

  function cell(name) {
    return document.querySelector(".field-" + name + " .readonly");
  }

  function watch(live) {
    var url = live.getAttribute("data-renditions-url");
    var started = Date.now(), delay = FIRST_DELAY;

    function ask() {
      if (Date.now() - started > GIVE_UP_AFTER) { return; }
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (answer) {
          if (answer.state === "pending") { return later(); }
          PARTS.forEach(function (name) {
            var target = cell(name);
            if (target && answer.parts[name] !== undefined) { target.innerHTML = answer.parts[name]; }
          });
        })
        .catch(later);
    }

    function later() {
      window.setTimeout(ask, delay);
      delay = Math.min(delay * 1.5, LONGEST_DELAY);
    }

    later();
  }

  function start() {
    var live = document.querySelector(".rendition-state-live[data-renditions-state=pending]");
    if (live) { watch(live); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
