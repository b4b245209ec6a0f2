from .connections import Connection, OrganisationFollow
from .events import (
    Booking,
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    MeetingMode,
    Slot,
    Workshop,
    WorkshopRegistration,
)
from .feed import Activity, Bravo, Comment, Post
from .mentorship import FollowRequest, MentorInvitation, MentorNote, Mentorship
from .messaging import ContactRequest, Conversation, Message, Participant
from .notifications import Notification
from .opportunities import Application, Opportunity
from .organisations import Membership, Organisation
from .profiles import DisplayMode, Visibility, YouthProfile
from .safety import Block, ModerationAction, Report
from .users import Role, User

__all__ = [
    "Activity",
    "Application",
    "Block",
    "Booking",
    "Bravo",
    "Comment",
    "Connection",
    "ContactRequest",
    "Conversation",
    "DisplayMode",
    "FollowRequest",
    "JobDating",
    "JobDatingCandidate",
    "JobDatingMeeting",
    "JobDatingRecruiter",
    "MeetingMode",
    "Membership",
    "MentorInvitation",
    "MentorNote",
    "Mentorship",
    "Message",
    "ModerationAction",
    "Notification",
    "Opportunity",
    "Organisation",
    "OrganisationFollow",
    "Participant",
    "Post",
    "Report",
    "Role",
    "Slot",
    "User",
    "Visibility",
    "Workshop",
    "WorkshopRegistration",
    "YouthProfile",
]
