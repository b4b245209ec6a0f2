/* Skill suggestions while a youth writes an experience or an achievement.
 *
 * Progressive enhancement: without this script the form has a "Suggest skills" button that
 * asks the server for the same suggestions. With it, the page asks GET /skills/suggest/
 * (JSON {"results": [{"uri", "label", "score"}]}) a moment after the youth stops typing and
 * adds the suggestions as unticked check boxes: nothing is added to the profile until the
 * youth ticks it and saves. Boxes already ticked are never removed.
 */
(function () {
  "use strict";

  var DELAY_MS = 500;
  var MIN_LENGTH = 3;

  function setUp(form) {
    var url = form.getAttribute("data-suggest-url");
    var language = form.getAttribute("data-suggest-lang") || "fr";
    var list = form.querySelector("[data-suggestions]");
    var empty = form.querySelector("[data-suggestions-empty]");
    var button = form.querySelector("[data-suggest-button]");
    var sources = form.querySelectorAll("[data-suggest-source]");
    var live = document.querySelector("[data-live-region]");
    if (!url || !list || !sources.length || !window.fetch) return;
    if (button) button.hidden = true; // suggestions come by themselves now

    var timer = null;
    var controller = null;
    var lastText = "";
    var counter = 0;

    function text() {
      return Array.prototype.map.call(sources, function (field) { return field.value; })
        .join("\n").trim();
    }

    function announce(count) {
      if (!live || !count) return;
      var template = count === 1 ? form.getAttribute("data-announce-one")
                                 : form.getAttribute("data-announce-many");
      if (template) live.textContent = template.replace("{count}", String(count));
    }

    function render(results) {
      var present = {};
      Array.prototype.forEach.call(list.querySelectorAll("input[type=checkbox]"), function (box) {
        present[box.value] = box;
      });
      var wanted = {};
      results.forEach(function (result) { wanted[result.uri] = true; });
      // Drop earlier suggestions the youth did not tick and that no longer fit the text.
      Array.prototype.forEach.call(list.querySelectorAll("li[data-suggested]"), function (item) {
        var box = item.querySelector("input");
        if (box && !box.checked && !wanted[box.value]) {
          delete present[box.value];
          item.remove();
        }
      });
      var added = 0;
      results.forEach(function (result) {
        if (!result.uri || present[result.uri]) return;
        counter += 1;
        var id = "id_skill_uris_suggested_" + counter;
        var item = document.createElement("li");
        item.setAttribute("data-suggested", "");
        var label = document.createElement("label");
        label.htmlFor = id;
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = "skill_uris";
        box.value = result.uri;
        box.id = id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + result.label));
        item.appendChild(label);
        list.appendChild(item);
        present[result.uri] = box;
        added += 1;
      });
      if (empty) empty.hidden = list.children.length > 0;
      announce(added);
    }

    function ask() {
      var current = text();
      if (current.length < MIN_LENGTH || current === lastText) return;
      lastText = current;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var query = url + "?q=" + encodeURIComponent(current) + "&lang=" + encodeURIComponent(language);
      fetch(query, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { render(Array.isArray(data.results) ? data.results : []); })
        .catch(function () { /* offline or aborted: the youth can still type skills */ });
    }

    Array.prototype.forEach.call(sources, function (field) {
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(ask, DELAY_MS);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-skill-suggest]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
