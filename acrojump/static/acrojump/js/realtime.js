// The tab's one websocket (/ws/). Receives typed events (see network/events.py), keeps the
// unread counter and the notification list up to date, reconnects with back-off and asks
// over HTTP for what it missed while it was away.
(function () {
  "use strict";
  var body = document.body;
  var wsPath = body.dataset.realtimeUrl;
  var sinceUrl = body.dataset.sinceUrl;
  if (!wsPath || !("WebSocket" in window)) return;

  // The server renders the id of the newest notification the page already knows about.
  var lastNotificationId = Number(body.dataset.lastNotificationId || 0);
  var seen = new Set();
  var retryDelay = 1000;
  var socket = null;

  document.querySelectorAll("[data-notification-id]").forEach(function (el) {
    var id = Number(el.dataset.notificationId);
    seen.add(id);
    if (id > lastNotificationId) lastNotificationId = id;
  });

  function setUnreadCount(count) {
    document.querySelectorAll("[data-unread-count]").forEach(function (badge) {
      badge.textContent = String(count);
      badge.classList.toggle("is-empty", count === 0);
    });
  }

  function announce(text, url) {
    var region = document.querySelector("[data-live-region]");
    if (region) region.textContent = text;
    var toast = document.createElement("div");
    toast.className = "toast";
    toast.setAttribute("data-toast", "");
    if (url) {
      var link = document.createElement("a");
      link.href = url;
      link.textContent = text;
      toast.appendChild(link);
    } else {
      toast.textContent = text;
    }
    document.body.appendChild(toast);
    setTimeout(function () { toast.remove(); }, 8000);
  }

  function addToList(notification) {
    var list = document.querySelector("[data-notification-list]");
    if (!list) return;
    var empty = list.querySelector("[data-empty]");
    if (empty) empty.remove();
    var item = document.createElement("li");
    item.className = "notification" + (notification.read ? "" : " is-unread");
    item.dataset.notificationId = String(notification.id);
    var p = document.createElement("p");
    if (notification.url) {
      var a = document.createElement("a");
      a.href = notification.url;
      a.textContent = notification.text;
      p.appendChild(a);
    } else {
      p.textContent = notification.text;
    }
    item.appendChild(p);
    list.insertBefore(item, list.firstChild);
  }

  function receiveNotification(notification, live) {
    if (seen.has(notification.id)) return;
    seen.add(notification.id);
    if (notification.id > lastNotificationId) lastNotificationId = notification.id;
    addToList(notification);
    if (live) announce(notification.text, notification.url);
  }

  function catchUp() {
    if (!sinceUrl) return;
    fetch(sinceUrl + "?after=" + lastNotificationId, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        data.notifications.forEach(function (n) { receiveNotification(n, !n.read); });
        setUnreadCount(data.unread_count);
      })
      .catch(function () {});
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + wsPath);
    socket.addEventListener("open", function () {
      retryDelay = 1000;
      body.dataset.realtimeState = "open";
      // Other scripts (messages, feed) catch up over HTTP on this signal.
      document.dispatchEvent(new CustomEvent("acrojump:open", { detail: { socket: socket } }));
      // Whatever arrived between the page render (or the last drop) and now.
      catchUp();
    });
    socket.addEventListener("message", function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      // Every event reaches the page's other scripts, which pick the types they handle.
      document.dispatchEvent(new CustomEvent("acrojump:event", { detail: event }));
      if (event.type === "notification.new") {
        receiveNotification(event, true);
        setUnreadCount(event.unread_count);
      } else if (event.type === "notification.read") {
        setUnreadCount(event.unread_count);
      }
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4401) { body.dataset.realtimeState = "refused"; return; }
      body.dataset.realtimeState = "reconnecting";
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  // Lets other scripts send frames on the tab's one socket; false when it is not open.
  window.acrojumpSend = function (frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  connect();
})();
