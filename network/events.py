"""The typed events pushed to browsers over the websocket, documented in one place.

Every event is a JSON object ``{"type": <one of the names below>, ...payload}``. Events
carry ids and small payloads; a client that missed some asks over HTTP for what changed
since the last id it saw (``GET /notifications/since/?after=<id>``).

Server → client:

``notification.new``
    ``{"id": int, "kind": str, "text": str, "url": str, "created_at": iso8601,
    "unread_count": int}``. A notification was stored for this user.
``notification.read``
    ``{"unread_count": int}``. Notifications were marked as read (maybe in another tab).
``pong``
    ``{}``. Answer to a client ``ping``.
``error``
    ``{"code": str, "detail": str}``. The client sent a frame the server could not use;
    the socket stays open. Codes: ``invalid_json``, ``unknown_type``.

Client → server:

``ping``
    ``{}``. Keeps a connection alive through proxies; answered by ``pong``.
"""

NOTIFICATION_NEW = "notification.new"
NOTIFICATION_READ = "notification.read"
PONG = "pong"
ERROR = "error"

CLIENT_PING = "ping"

SERVER_EVENTS = frozenset({NOTIFICATION_NEW, NOTIFICATION_READ, PONG, ERROR})
