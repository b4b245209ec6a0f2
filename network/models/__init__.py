from .mentorship import FollowRequest, MentorInvitation, MentorNote, Mentorship
from .notifications import Notification
from .organisations import Membership, Organisation
from .profiles import DisplayMode, Visibility, YouthProfile
from .users import Role, User

__all__ = [
    "DisplayMode",
    "FollowRequest",
    "MentorInvitation",
    "MentorNote",
    "Mentorship",
    "Membership",
    "Notification",
    "Organisation",
    "Role",
    "User",
    "Visibility",
    "YouthProfile",
]
