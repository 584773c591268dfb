"""Who is calling, and what they may see: JWT verification and the caller."""

from gridkit.auth.caller import Caller, Role
from gridkit.auth.tokens import TokenVerifier, issue_dev_token

__all__ = ["Caller", "Role", "TokenVerifier", "issue_dev_token"]
