from .notifications import Notification
from .organisations import Membership, Organisation
from .users import Role, User

__all__ = ["Membership", "Notification", "Organisation", "Role", "User"]
