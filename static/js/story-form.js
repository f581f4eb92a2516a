/* The story form (issue 13): dialogs of the workflow buttons, the unsaved-changes prompt,
   live counts, autosave and who else has the story open. Settings come from the data-*
   attributes of #story-form-config (the CSP allows no inline script). */
(function () {
  "use strict";

  var WORDS_PER_MINUTE = 230; // as articles/text.py
  var SEARCH_LIMITS = { id_headline: 60, id_standfirst: 160 }; // what search results show

  function countWords(text) {
    var words = text.match(/[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu);
    return words ? words.length : 0;
  }

  /* The schedule dialog names the zone's abbreviation at the chosen time (GMT or BST). */
  function zoneLabel(form) {
    var label = form.querySelector("[data-zone]");
    var input = document.getElementById("id_schedule_at");
    if (!label || !input || !window.Intl) { return; }
    var zone = label.dataset.zone;
    input.addEventListener("input", function () {
      if (!input.value) { return; }
      var moment = new Date(input.value + ":00Z");
      if (isNaN(moment.getTime())) { return; }
      var parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "short" })
        .formatToParts(moment);
      var name = parts.filter(function (part) { return part.type === "timeZoneName"; })[0];
      if (name) { label.textContent = zone + ", " + name.value; }
    });
  }

  function dialogs(form) {
    form.querySelectorAll("[data-opens]").forEach(function (button) {
      button.addEventListener("click", function () {
        var dialog = document.getElementById(button.dataset.opens);
        dialog.showModal();
        var first = dialog.querySelector("input, textarea");
        if (first) { first.focus(); }
      });
    });
    form.querySelectorAll("dialog [data-closes]").forEach(function (button) {
      button.addEventListener("click", function () {
        button.closest("dialog").close();
      });
    });
  }

  function unsavedPrompt(form, state) {
    form.addEventListener("input", function () { state.dirty = true; });
    form.addEventListener("change", function () { state.dirty = true; });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      // Preview opens a new tab: this page stays, with its changes still unsaved.
      if (!submitter || !submitter.hasAttribute("data-preview")) {
        state.leaving = true;
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (state.dirty && !state.leaving) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function charCounts() {
    Object.keys(SEARCH_LIMITS).forEach(function (id) {
      var field = document.getElementById(id);
      if (!field) { return; }
      var limit = SEARCH_LIMITS[id];
      var note = document.createElement("p");
      note.className = "char-count";
      note.id = id + "_count";
      note.setAttribute("aria-live", "polite");
      field.setAttribute("aria-describedby", note.id);
      field.insertAdjacentElement("afterend", note);
      function show() {
        var n = field.value.length;
        note.textContent = n + " characters · search engines show about " + limit +
          (n > limit ? " (" + (n - limit) + " over: the end will be cut off)" : "");
        note.classList.toggle("char-count--over", n > limit);
      }
      field.addEventListener("input", show);
      show();
    });
  }

  function wordCount(form) {
    var output = form.querySelector("[data-word-count]");
    if (!output) { return; }
    function show() {
      var body = form.querySelector(".field-body [contenteditable=true]");
      if (!body) { return; }
      var words = countWords(body.innerText || "");
      var minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
      output.textContent = words + (words === 1 ? " word" : " words") + " · " + minutes + " min read";
    }
    form.addEventListener("input", show);
    document.addEventListener("prose-editor:ready", function (event) {
      event.detail.editor.on("update", show);
      show();
    });
    show();
  }

  /* The byline's rows move by dragging or with their Up/Down buttons (keyboard); positions are
     numbered in the order shown, new rows last. */
  function bylineOrder(form) {
    var group = document.getElementById("bylines-group");
    if (!group) { return; }
    var body = group.querySelector("tbody");
    var dragged = null;

    function rows() {
      return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
        return !row.classList.contains("empty-form");
      });
    }
    function renumber() {
      rows().forEach(function (row, index) {
        var position = row.querySelector("[data-byline-position]");
        if (position) { position.value = String(index); }
      });
    }
    function name(row) {
      var author = row.querySelector(".field-author select option:checked");
      return author && author.value ? author.textContent.trim() : "this author";
    }
    function move(row, step) {
      var all = rows();
      var index = all.indexOf(row);
      var target = all[index + step];
      if (!target) { return; }
      if (step < 0) { body.insertBefore(row, target); } else { body.insertBefore(target, row); }
      renumber();
      form.dispatchEvent(new Event("change"));
      var status = document.getElementById("byline-order-status");
      status.textContent = name(row) + " is now number " + (rows().indexOf(row) + 1) + " of " + rows().length + ".";
    }
    function button(label, text, handler) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "byline-move__button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", handler);
      return b;
    }
    function equip(row) {
      if (row.querySelector(".byline-move")) { return; }
      var cell = row.querySelector("td.original") || row.firstElementChild;
      var tools = document.createElement("span");
      tools.className = "byline-move";
      var handle = document.createElement("span");
      handle.className = "byline-move__handle";
      handle.textContent = "⠿";
      handle.title = "Drag to reorder";
      tools.appendChild(handle);
      tools.appendChild(button("Move up", "↑", function () { move(row, -1); }));
      tools.appendChild(button("Move down", "↓", function () { move(row, 1); }));
      cell.appendChild(tools);
      row.draggable = true;
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "byline");
        row.classList.add("byline-dragging");
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("byline-dragging");
        dragged = null;
      });
      row.addEventListener("dragover", function (event) {
        if (dragged && dragged !== row) { event.preventDefault(); }
      });
      row.addEventListener("drop", function (event) {
        if (!dragged || dragged === row) { return; }
        event.preventDefault();
        var all = rows();
        var before = all.indexOf(dragged) > all.indexOf(row) ? row : row.nextSibling;
        body.insertBefore(dragged, before);
        renumber();
        form.dispatchEvent(new Event("change"));
      });
    }
    var status = document.createElement("p");
    status.id = "byline-order-status";
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    group.appendChild(status);
    rows().forEach(equip);
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === "bylines") {
        equip(event.target);
        renumber();
      }
    });
    form.addEventListener("submit", renumber);
    renumber();
  }

  /* Tags: one control. A name typed that is no tag yet is offered by select2 (tags mode, see
     TagsField); it is sent as "new:Name" so a name made of digits is never read as an id. */
  function tagsControl() {
    if (!window.django || !window.django.jQuery) { return; }
    window.django.jQuery("#id_tags").on("select2:select", function (event) {
      var option = event.params.data.element;
      if (option && option.hasAttribute("data-select2-tag") && option.value.indexOf("new:") !== 0) {
        option.value = "new:" + event.params.data.text;
      }
    });
  }

  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken") { return; }
      (fields[name] = fields[name] || []).push(value);
    });
    return fields;
  }

  function post(url, form, body) {
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Content-Type": "application/json" },
      body: JSON.stringify(body || {}),
    });
  }

  function autosave(form, config, state) {
    var saved = false;
    setInterval(function () {
      if (!state.dirty || state.leaving || state.autosavedAt === state.changes) { return; }
      state.autosavedAt = state.changes;
      post(config.autosaveUrl, form, { fields: formFields(form) }).then(function (response) {
        if (response.ok) { return response.json(); }
        return null;
      }).then(function (answer) {
        var status = document.getElementById("autosave-status");
        if (answer && status) {
          status.textContent = "Autosaved at " + answer.saved_at + " (only you see it; not published).";
          saved = true;
        }
      }).catch(function () { state.autosavedAt = null; });
    }, config.interval * 1000);
    form.addEventListener("input", function () { state.changes = (state.changes || 0) + 1; });
    form.addEventListener("change", function () { state.changes = (state.changes || 0) + 1; });
    return saved;
  }

  function presence(form, config) {
    var box = document.getElementById("presence");
    function beat() {
      post(config.presenceUrl, form).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (!answer || !box) { return; }
        box.replaceChildren();
        answer.others.forEach(function (other) {
          var item = document.createElement("li");
          item.textContent = other.name + " has this story open too, since " + other.since + ".";
          box.appendChild(item);
        });
        box.hidden = answer.others.length === 0;
      }).catch(function () {});
    }
    beat();
    setInterval(beat, config.interval * 1000);
    window.addEventListener("pagehide", function () {
      var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      navigator.sendBeacon(config.leaveUrl, data);
    });
  }

  function init() {
    var form = document.getElementById("article_form");
    if (!form) { return; }
    var state = { dirty: false, leaving: false };
    dialogs(form);
    zoneLabel(form);
    unsavedPrompt(form, state);
    charCounts();
    wordCount(form);
    bylineOrder(form);
    tagsControl();
    var config = document.getElementById("story-form-config");
    if (config && config.dataset.autosaveUrl) {
      var settings = {
        interval: parseFloat(config.dataset.interval),
        autosaveUrl: config.dataset.autosaveUrl,
        presenceUrl: config.dataset.presenceUrl,
        leaveUrl: config.dataset.leaveUrl,
      };
      autosave(form, settings, state);
      presence(form, settings);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
