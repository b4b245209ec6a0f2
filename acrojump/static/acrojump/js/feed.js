// The live feed: when the server says a new activity is ready ("feed.activity", see
// network/events.py), or when the socket (re)opens after a drop, fetch the HTML of what is
// newer than the newest item shown and put it on top, once. Without this script the page
// still works: reload it, or follow "Older news".
(function () {
  "use strict";
  var list = document.querySelector("[data-feed-list]");
  if (!list || list.dataset.live !== "on") return;
  var fragmentUrl = list.dataset.fragmentUrl;
  var loading = false;
  var again = false;

  function newestId() {
    var newest = 0;
    list.querySelectorAll("[data-feed-item]").forEach(function (item) {
      newest = Math.max(newest, Number(item.dataset.feedItem));
    });
    return newest;
  }

  function announce(text) {
    var region = document.querySelector("[data-live-region]");
    if (region) region.textContent = text;
  }

  function insert(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    // The fragment is newest first: insert the oldest first, each on top.
    var items = Array.prototype.slice.call(template.content.querySelectorAll("[data-feed-item]"));
    // A full page means more may wait behind it (see feed_selectors.feed_for).
    if (items.length >= Number(list.dataset.pageSize || 50)) again = true;
    var added = 0;
    items.reverse().forEach(function (item) {
      if (list.querySelector('[data-feed-item="' + item.dataset.feedItem + '"]')) return;
      list.insertBefore(item, list.firstChild);
      if (window.htmx) window.htmx.process(item);
      added += 1;
    });
    if (added) {
      var empty = document.querySelector("[data-feed-empty]");
      if (empty) empty.remove();
      announce(list.dataset.newText || "");
    }
  }

  function catchUp() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(fragmentUrl + "?after=" + newestId(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html) insert(html); })
      .catch(function () {})
      .then(function () {
        loading = false;
        if (again) { again = false; catchUp(); }
      });
  }

  document.addEventListener("acrojump:event", function (event) {
    var detail = event.detail || {};
    if (detail.type !== "feed.activity") return;
    if (list.querySelector('[data-feed-item="' + detail.id + '"]')) return;
    catchUp();
  });
  document.addEventListener("acrojump:open", catchUp);
})();
