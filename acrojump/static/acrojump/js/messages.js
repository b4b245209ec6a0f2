// Messaging, on top of the tab's one websocket (realtime.js). Keeps the unread badge of the
// header up to date on every page; on a conversation page it sends without reloading, shows
// new messages live, and catches up after a dropped connection. Every send carries a
// client_id made here and kept until the server acknowledges it: a retry after a drop reuses
// it, and the server stores each client_id once, so nothing appears twice.
(function () {
  "use strict";

  function setBadge(count) {
    document.querySelectorAll("[data-unread-messages]").forEach(function (badge) {
      badge.textContent = String(count);
      badge.classList.toggle("is-empty", count === 0);
    });
  }

  function badgeCount() {
    var badge = document.querySelector("[data-unread-messages]");
    return badge ? Number(badge.textContent) || 0 : 0;
  }

  var list = document.querySelector("[data-message-list]");
  var badge = document.querySelector("[data-unread-messages]");
  var myId = Number((list || badge || { dataset: {} }).dataset.userId || 0);

  if (!list) {
    // Any other page: the header's badge, and on the list of conversations each
    // conversation's own badge and last message.
    var conversations = document.querySelector("[data-conversation-list]");
    document.addEventListener("acrojump:event", function (e) {
      var event = e.detail;
      if (event.type === "message.new") {
        if (event.message.sender_id !== myId) setBadge(badgeCount() + 1);
        if (conversations) showInList(conversations, event.message);
      } else if (event.type === "message.read" && event.user_id === myId) {
        setBadge(event.unread_count);
        if (conversations) clearInList(conversations, event.conversation_id);
      }
    });
    return;
  }

  function conversationItem(conversations, conversationId) {
    return conversations.querySelector('[data-conversation-id="' + Number(conversationId) + '"]');
  }

  function showInList(conversations, message) {
    var item = conversationItem(conversations, message.conversation_id);
    if (!item) {
      // A conversation this page does not list yet: the next visit shows it.
      var note = document.querySelector("[data-conversation-list-stale]");
      if (note) note.hidden = false;
      return;
    }
    var preview = item.querySelector(".conversation-preview");
    if (preview) {
      var text = message.text || (message.attachment ? "📎 " + message.attachment.name : "");
      if (message.sender_id === myId) text = (conversations.dataset.youLabel || "") + " " + text;
      preview.textContent = text.length > 90 ? text.slice(0, 89) + "…" : text;
    }
    if (message.sender_id !== myId) {
      var count = item.querySelector("[data-conversation-unread]");
      if (!count) {
        count = document.createElement("span");
        count.className = "badge";
        count.setAttribute("data-conversation-unread", "");
        count.textContent = "0";
        item.querySelector("a").appendChild(count);
      }
      count.textContent = String((Number(count.textContent) || 0) + 1);
      item.classList.add("is-unread");
    }
    conversations.insertBefore(item, conversations.firstElementChild);
  }

  function clearInList(conversations, conversationId) {
    var item = conversationItem(conversations, conversationId);
    if (!item) return;
    var count = item.querySelector("[data-conversation-unread]");
    if (count) count.remove();
    var hidden = item.querySelector("a .visually-hidden");
    if (hidden) hidden.remove();
    item.classList.remove("is-unread");
  }

  var conversationId = Number(list.dataset.conversationId);
  var live = list.dataset.live === "true";
  var form = document.querySelector("[data-message-form]");
  var texts = list.dataset;
  var knownIds = new Set();
  var lastId = 0;          // newest message id seen, in any conversation (for catch-up)
  var lastReadSent = 0;
  var pending = new Map();  // client_id -> {text, bubble}
  var readers = {};
  var readersScript = document.getElementById("message-readers");
  if (readersScript) {
    try { readers = JSON.parse(readersScript.textContent) || {}; } catch (err) { readers = {}; }
  }

  list.querySelectorAll("[data-message-id]").forEach(function (bubble) {
    var id = Number(bubble.dataset.messageId);
    knownIds.add(id);
    if (id > lastId) lastId = id;
  });
  lastReadSent = lastId;

  function csrfToken() {
    var input = form && form.querySelector("input[name='csrfmiddlewaretoken']");
    return input ? input.value : "";
  }

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function paragraph(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function buildBubble(message, isMine) {
    var li = document.createElement("li");
    li.className = "bubble" + (isMine ? " is-mine" : "");
    li.dataset.clientId = message.client_id;
    li.dataset.senderId = message.sender_id == null ? "" : String(message.sender_id);
    li.appendChild(paragraph("bubble-sender", isMine ? texts.textYou :
      (message.sender_name || texts.textDeleted)));
    if (message.text) {
      var text = paragraph("bubble-text", "");
      message.text.split("\n").forEach(function (line, index) {
        if (index > 0) text.appendChild(document.createElement("br"));
        text.appendChild(document.createTextNode(line));
      });
      li.appendChild(text);
    }
    if (message.attachment) {
      var file = document.createElement("p");
      file.className = "bubble-file";
      var link = document.createElement("a");
      link.href = message.attachment.url;
      link.textContent = "📎 " + message.attachment.name;
      file.appendChild(link);
      li.appendChild(file);
    }
    var meta = document.createElement("p");
    meta.className = "bubble-meta";
    var time = document.createElement("time");
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(" "));
    var seen = document.createElement("span");
    seen.setAttribute("data-seen", "");
    meta.appendChild(seen);
    li.appendChild(meta);
    fillStored(li, message);
    return li;
  }

  function fillStored(li, message) {
    if (!message.id) return;
    li.dataset.messageId = String(message.id);
    li.classList.remove("is-pending");
    var time = li.querySelector("time");
    if (time && message.created_at) {
      var date = new Date(message.created_at);
      time.dateTime = message.created_at;
      time.textContent = date.toLocaleString(document.documentElement.lang || undefined,
        { dateStyle: "short", timeStyle: "short" });
    }
  }

  function removeEmptyNote() {
    var empty = document.querySelector("[data-empty]");
    if (empty) empty.remove();
  }

  // A stored message of this conversation: replace its pending bubble or append it, once.
  function showStored(message) {
    if (message.id > lastId) lastId = message.id;
    if (message.conversation_id !== conversationId || !live) return false;
    if (knownIds.has(message.id)) return false;
    knownIds.add(message.id);
    var mine = message.sender_id === myId;
    var entry = mine ? pending.get(message.client_id) : null;
    if (entry) {
      pending.delete(message.client_id);
      fillStored(entry.bubble, message);
      entry.bubble.querySelector("[data-seen]").textContent = "";
    } else {
      var existing = mine && list.querySelector(
        "[data-client-id='" + CSS.escape(message.client_id) + "']");
      if (existing) {
        fillStored(existing, message);
      } else {
        removeEmptyNote();
        list.appendChild(buildBubble(message, mine));
      }
    }
    updateSeen();
    return !mine;
  }

  function updateSeen() {
    var ids = Object.keys(readers).map(function (key) { return readers[key]; });
    if (!ids.length) return;
    var seenUpTo = Math.min.apply(null, ids);
    var target = null;
    list.querySelectorAll(".bubble.is-mine[data-message-id]").forEach(function (bubble) {
      if (Number(bubble.dataset.messageId) <= seenUpTo) target = bubble;
      bubble.querySelector("[data-seen]").textContent = "";
    });
    if (target) target.querySelector("[data-seen]").textContent = texts.textSeen;
  }

  // --- Sending ---------------------------------------------------------------------------

  function sendPending(clientId) {
    var entry = pending.get(clientId);
    if (!entry) return;
    var frame = {
      type: "message.send", conversation_id: conversationId, client_id: clientId, text: entry.text,
    };
    if (window.acrojumpSend && window.acrojumpSend(frame)) return;
    // No open socket: the same send over HTTP. A failure leaves it pending for the next try.
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("client_id", clientId);
    data.append("text", entry.text);
    fetch(list.dataset.sendUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json()
        .catch(function () { return {}; })
        .then(function (body) { return { status: response.status, body: body }; });
    }).then(function (result) {
      if (result.status === 200 && result.body.message) {
        showStored(result.body.message);
      } else if (result.status >= 400 && result.status < 500) {
        refuse(clientId, result.body.error);
      } else {
        markWaiting(clientId);  // the server had a problem: try again on the next occasion
      }
    }).catch(function () {
      markWaiting(clientId);
    });
  }

  function markWaiting(clientId) {
    var entry = pending.get(clientId);
    if (entry) entry.bubble.querySelector("[data-seen]").textContent = texts.textWaiting;
  }

  // The server said no (too long, blocked...): show why, and give the text back to edit.
  function refuse(clientId, detail) {
    var entry = pending.get(clientId);
    if (!entry) return;
    pending.delete(clientId);
    entry.bubble.remove();
    var textarea = form.querySelector("textarea[name='text']");
    if (textarea && !textarea.value) textarea.value = entry.text;
    var region = document.querySelector("[data-live-region]");
    if (region) region.textContent = detail || "";
    var errors = form.querySelector("[data-send-error]");
    if (!errors) {
      errors = document.createElement("p");
      errors.className = "form-errors";
      errors.setAttribute("role", "alert");
      errors.setAttribute("data-send-error", "");
      form.insertBefore(errors, form.firstChild.nextSibling);
    }
    errors.textContent = detail || "";
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      var fileInput = form.querySelector("input[type='file']");
      if (fileInput && fileInput.files && fileInput.files.length) return;  // the plain form
      var textarea = form.querySelector("textarea[name='text']");
      var text = textarea.value.trim();
      if (!text) return;  // the server answers with the right message
      e.preventDefault();
      var clientId = newClientId();
      var bubble = buildBubble({ client_id: clientId, sender_id: myId, text: text }, true);
      bubble.classList.add("is-pending");
      bubble.querySelector("[data-seen]").textContent = texts.textSending;
      removeEmptyNote();
      list.appendChild(bubble);
      pending.set(clientId, { text: text, bubble: bubble });
      textarea.value = "";
      var errors = form.querySelector("[data-send-error]");
      if (errors) errors.remove();
      sendPending(clientId);
    });
  }

  // --- Reading -----------------------------------------------------------------------------

  function markRead() {
    if (!live || document.visibilityState !== "visible") return;
    var newest = 0;
    list.querySelectorAll("[data-message-id]").forEach(function (bubble) {
      newest = Math.max(newest, Number(bubble.dataset.messageId));
    });
    if (newest <= lastReadSent) return;
    lastReadSent = newest;
    var frame = { type: "message.read", conversation_id: conversationId, up_to: newest };
    if (window.acrojumpSend && window.acrojumpSend(frame)) return;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    data.append("up_to", String(newest));
    fetch(list.dataset.readUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body) setBadge(body.unread_count); })
      .catch(function () { lastReadSent = 0; });
  }

  document.addEventListener("visibilitychange", markRead);

  // --- Live events and catch-up ---------------------------------------------------------------

  document.addEventListener("acrojump:event", function (e) {
    var event = e.detail;
    if (event.type === "message.new") {
      var fromOther = showStored(event.message);
      var readHere = event.conversation_id === conversationId && live &&
        document.visibilityState === "visible";
      if (event.message.sender_id !== myId && !readHere) setBadge(badgeCount() + 1);
      if (fromOther) markRead();
    } else if (event.type === "message.ack") {
      showStored(event.message);
    } else if (event.type === "message.read") {
      if (event.user_id === myId) {
        setBadge(event.unread_count);
      } else if (event.conversation_id === conversationId) {
        readers[String(event.user_id)] = event.last_read_message_id;
        updateSeen();
      }
    } else if (event.type === "error" && event.client_id && pending.has(event.client_id)) {
      refuse(event.client_id, event.detail);
    }
  });

  function catchUp() {
    var url = list.dataset.sinceUrl + "?after=" + lastId;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body) return;
        var fromOther = false;
        body.messages.forEach(function (message) {
          if (showStored(message)) fromOther = true;
        });
        setBadge(body.unread_count);
        if (fromOther) markRead();
        if (body.has_more) catchUp();
      })
      .catch(function () {});
  }

  document.addEventListener("acrojump:open", function () {
    catchUp();
    // Sends that got no answer before the drop go again, with the same client_id.
    pending.forEach(function (_entry, clientId) { sendPending(clientId); });
  });

  // Back online: the socket may take a few seconds to come back, HTTP does not wait.
  window.addEventListener("online", function () {
    catchUp();
    pending.forEach(function (_entry, clientId) { sendPending(clientId); });
  });

  markRead();
})();
