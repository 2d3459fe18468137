"""`waredesk user add NAME --role ROLE`."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli.context import CliContext
from models.errors import InputError
from models.permissions import BUILTIN_ROLES
from models.users import create_user


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    user = commands.add_parser("user", help="user accounts")
    user_commands = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")
    add = user_commands.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--role", default="picker",
                     help=f"one of: {', '.join(BUILTIN_ROLES)} (default: picker)")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input instead of prompting")
    add.set_defaults(run=run_add)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise InputError("The two passwords differ; nothing was created.")
    return first


def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create a user with a role."""
    password = _password(args.password_stdin)
    db = ctx.database()
    actor = ctx.actor()
    db.transact(lambda s: create_user(s, actor, username=args.username, password=password,
                                      role=args.role, display_name=args.name))
    print(f"Created user {args.username} with role {args.role}.")
    return 0
