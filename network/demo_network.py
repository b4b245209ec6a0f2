"""The personas' network in the demo: connections, posts, a conversation, a contact request.

Everything goes through the real actions, so the demo shows what users would have made.
Running it again creates nothing new: each step looks for what it made before (messages are
idempotent by their client id). The caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from .demo_data import DEMO_EMAIL_DOMAIN
from .models import Activity, ContactRequest, Organisation, Post, User, Visibility

#: Accepted connections between the personas (keys of ``demo_data.DEMO_PEOPLE``).
CONNECTIONS = [("ines", "awa"), ("ines", "kevin"), ("lucas", "sofia"), ("melissa", "awa")]
#: Waiting for an answer: (who asks, who is asked).
PENDING_CONNECTIONS = [("sofia", "ines")]
#: (who, organisation name): organisations followed.
FOLLOWS = [("lucas", "Mission Locale de Dijon"), ("ines", "Entrepôts du Mélantois")]

POSTS = [
    (
        "ines",
        None,
        "Samedi, grande collecte à la banque alimentaire de Roubaix : on a trié plus de 600 kg "
        "de dons en une journée. Merci à toute l'équipe !",
    ),
    (
        "nadia",
        "Mission Locale de Dijon",
        "Atelier « Se présenter en ligne » jeudi à 14 h à la Mission Locale de Dijon : on "
        "prépare ensemble ton profil AcroJump. Ouvert à tous, sans inscription.",
    ),
]
#: Reactions to the first post: (who comments, text).
COMMENTS = [("awa", "Bravo, c'est énorme ! Je viens la prochaine fois.")]
BRAVOS = ["awa", "kevin"]

#: (sender, recipient, client id, text): Nadia and Lucas prepare an appointment.
MESSAGES = [
    ("nadia", "lucas", "demo-nadia-lucas-1", "Bonjour Lucas, on se voit mardi à 10 h ?"),
    ("lucas", "nadia", "demo-nadia-lucas-2", "Oui, c'est bon pour moi. J'apporte quoi ?"),
    (
        "nadia",
        "lucas",
        "demo-nadia-lucas-3",
        "Ton téléphone : on ajoute ensemble tes réparations d'ordinateurs à ton profil.",
    ),
]

CONTACT_REQUEST = (
    "sandrine",
    "ines",
    "Bonjour, je recrute des préparateurs et préparatrices de commandes à Lesquin. "
    "Votre expérience à la banque alimentaire (stock, colis) nous intéresse : "
    "seriez-vous d'accord pour en parler ?",
    "Préparation de commandes, CDI",
)


@dataclass
class NetworkSeedReport:
    connections: int = 0
    posts: int = 0
    messages: int = 0
    contact_requests: int = 0


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}.demo@{DEMO_EMAIL_DOMAIN}")


def seed_demo_network() -> NetworkSeedReport:
    from .connections import do_answer_connection, do_follow_organisation, do_request_connection
    from .contact import do_send_contact_request
    from .feed import check_add_comment, check_create_post, check_toggle_bravo
    from .messaging import check_send_message, do_start_direct_conversation
    from .relations import connection_between

    report = NetworkSeedReport()
    for one, other in [*CONNECTIONS, *PENDING_CONNECTIONS]:
        requester, addressee = _person(one), _person(other)
        if connection_between(requester, addressee) is not None:
            continue
        connection = do_request_connection(requester, addressee=addressee)
        if (one, other) in CONNECTIONS:
            do_answer_connection(connection, accept=True)
        report.connections += 1
    for key, name in FOLLOWS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is not None:
            do_follow_organisation(_person(key), organisation=organisation)

    first_post: Activity | None = None
    for key, organisation_name, text in POSTS:
        author = _person(key)
        existing = Post.objects.filter(author=author, text=text).select_related("activity").first()
        if existing is not None:
            activity = existing.activity
        else:
            organisation = (
                Organisation.objects.get(name=organisation_name) if organisation_name else None
            )
            activity = check_create_post(
                author, text=text, organisation=organisation, visibility=Visibility.MEMBERS
            )
            report.posts += 1
        first_post = first_post or activity
    if first_post is not None and report.posts:
        for key, text in COMMENTS:
            check_add_comment(_person(key), activity_id=first_post.pk, text=text)
        for key in BRAVOS:
            check_toggle_bravo(_person(key), activity_id=first_post.pk)

    for sender_key, recipient_key, client_id, text in MESSAGES:
        sender, recipient = _person(sender_key), _person(recipient_key)
        conversation = do_start_direct_conversation(sender, recipient)
        _message, created = check_send_message(
            sender, conversation_id=conversation.pk, client_id=client_id, text=text
        )
        report.messages += int(created)

    recruiter_key, youth_key, message, subject = CONTACT_REQUEST
    recruiter, youth = _person(recruiter_key), _person(youth_key)
    if not ContactRequest.objects.filter(recruiter=recruiter, youth=youth).exists():
        do_send_contact_request(recruiter, youth=youth, message=message, subject=subject)
        report.contact_requests += 1
    return report
