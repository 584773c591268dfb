"""``make token``: print a dev JWT for trying the API by hand.

python -m gridkit.auth.token --role ADMIN --division 370112 --pii
"""

from __future__ import annotations

import argparse

from gridkit.auth.caller import Role
from gridkit.auth.tokens import issue_dev_token
from gridkit.settings import ServiceSettings


def main(argv: list[str] | None = None) -> None:
    """Parse the options and print one signed dev token."""
    parser = argparse.ArgumentParser(description="Print a dev-only JWT bearer token.")
    parser.add_argument("--subject", default="dev-admin")
    parser.add_argument("--name", default="Dev Admin")
    parser.add_argument(
        "--role", action="append", choices=[role.value for role in Role], dest="roles"
    )
    parser.add_argument("--division", default="", help="division code prefix of the data scope")
    parser.add_argument("--pii", action="store_true", help="may read personal data unmasked")
    parser.add_argument("--department", help="id of the org department a case handler works in")
    parser.add_argument("--person", help="the caller's own personnel id")
    parser.add_argument("--hours", type=int, default=8)
    args = parser.parse_args(argv)
    token = issue_dev_token(
        ServiceSettings(),
        subject=args.subject,
        name=args.name,
        roles=args.roles or [Role.ADMIN.value],
        division=args.division,
        pii=args.pii,
        ttl_seconds=args.hours * 3600,
        department=args.department,
        person=args.person,
    )
    print(token)


if __name__ == "__main__":
    main()
