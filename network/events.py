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
``message.new``
    ``{"conversation_id": int, "message": {...}}``. A message was stored in one of the
    user's conversations (the sender's other tabs get it too). ``message`` is the same JSON
    as ``GET /messages/since/``: ``id``, ``conversation_id``, ``client_id``, ``sender_id``,
    ``sender_name``, ``text``, ``created_at``, ``attachment`` (url, name, type, or null).
``message.ack``
    ``{"client_id": str, "message": {...}}``. Sent only to the socket that sent a
    ``message.send`` frame: the message is stored (or was already, for a retry).
``message.read``
    ``{"conversation_id": int, "user_id": int, "last_read_message_id": int,
    "unread_count": int}``. Someone read up to a message (read receipts); ``unread_count`` is
    the recipient's own total of unread messages.
``feed.activity``
    ``{"id": int}``. A new activity the user may see in their feed; the page fetches its
    HTML from ``GET /fil/?after=<id>``.
``pong``
    ``{}``. Answer to a client ``ping``.
``error``
    ``{"code": str, "detail": str}``. The client sent a frame the server could not use;
    the socket stays open. Codes: ``invalid_json``, ``unknown_type``, ``invalid``,
    ``not_found``, ``refused``, ``rate_limited``.

Client → server:

``ping``
    ``{}``. Keeps a connection alive through proxies; answered by ``pong``.
``message.send``
    ``{"conversation_id": int, "client_id": str, "text": str}``. Stores a message exactly
    like the HTTP form does and answers ``message.ack`` (or ``error``, which then carries
    the frame's ``client_id`` too, so the page knows which send failed).
``message.read``
    ``{"conversation_id": int, "up_to": int}``. The user read the conversation up to that
    message; the server pushes ``message.read`` (answers only with ``error`` when invalid).
"""

NOTIFICATION_NEW = "notification.new"
NOTIFICATION_READ = "notification.read"
MESSAGE_NEW = "message.new"
MESSAGE_ACK = "message.ack"
MESSAGE_READ = "message.read"
FEED_ACTIVITY = "feed.activity"
PONG = "pong"
ERROR = "error"

CLIENT_PING = "ping"
CLIENT_MESSAGE_SEND = "message.send"
CLIENT_MESSAGE_READ = "message.read"

SERVER_EVENTS = frozenset(
    {
        NOTIFICATION_NEW,
        NOTIFICATION_READ,
        MESSAGE_NEW,
        MESSAGE_ACK,
        MESSAGE_READ,
        FEED_ACTIVITY,
        PONG,
        ERROR,
    }
)
