from .connections import Connection, OrganisationFollow
from .feed import Activity, Bravo, Comment, Post
from .mentorship import FollowRequest, MentorInvitation, MentorNote, Mentorship
from .messaging import ContactRequest, Conversation, Message, Participant
from .notifications import Notification
from .organisations import Membership, Organisation
from .profiles import DisplayMode, Visibility, YouthProfile
from .safety import Block, ModerationAction, Report
from .users import Role, User

__all__ = [
    "Activity",
    "Block",
    "Bravo",
    "Comment",
    "Connection",
    "ContactRequest",
    "Conversation",
    "DisplayMode",
    "FollowRequest",
    "Membership",
    "MentorInvitation",
    "MentorNote",
    "Mentorship",
    "Message",
    "ModerationAction",
    "Notification",
    "Organisation",
    "OrganisationFollow",
    "Participant",
    "Post",
    "Report",
    "Role",
    "User",
    "Visibility",
    "YouthProfile",
]
