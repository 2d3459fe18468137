"""Rows every WareDesk database has: permissions, built-in roles, the `system` user and the
virtual locations. Kept in step with the code after every upgrade."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Location, LocationKind, LocationType, Permission, Role, User
from models.permissions import BUILTIN_ROLES, PERMISSION_DESCRIPTIONS

SYSTEM_USERNAME = "system"

VIRTUAL_LOCATIONS = {
    LocationType.SUPPLIER: ("SUPPLIER", "Suppliers"),
    LocationType.CUSTOMER: ("CUSTOMER", "Customers"),
    LocationType.INVENTORY_LOSS: ("INVENTORY-LOSS", "Inventory loss and gain"),
}


def sync_reference_data(session: Session) -> None:
    """Insert what is missing; leave edits (extra permissions on a role) alone."""
    permissions = {p.code: p for p in session.scalars(select(Permission))}
    for perm, description in PERMISSION_DESCRIPTIONS.items():
        if perm.value not in permissions:
            permissions[perm.value] = Permission(code=perm.value, description=description)
            session.add(permissions[perm.value])
    roles = {r.name: r for r in session.scalars(select(Role))}
    for name, perms in BUILTIN_ROLES.items():
        role = roles.get(name)
        if role is None:
            role = roles[name] = Role(name=name, builtin=True)
            session.add(role)
        held = {p.code for p in role.permissions}
        if name == "admin":
            role.permissions.extend(permissions[p] for p in sorted(perms) if p not in held)
        elif not held:
            role.permissions.extend(permissions[p] for p in sorted(perms))
    session.flush()
    if session.scalar(select(User.id).where(User.username == SYSTEM_USERNAME)) is None:
        session.add(User(username=SYSTEM_USERNAME, display_name="WareDesk command line",
                         password_hash="", role_id=roles["admin"].id))
    existing = set(session.scalars(select(Location.type).where(Location.warehouse_id.is_(None))))
    for loc_type, (code, name) in VIRTUAL_LOCATIONS.items():
        if loc_type.value not in existing:
            session.add(Location(warehouse_id=None, code=code, name=name, barcode=code,
                                 kind=LocationKind.VIRTUAL, type=loc_type))
    session.flush()


def virtual_location_id(session: Session, loc_type: LocationType) -> int:
    """Id of the shared supplier, customer or inventory-loss location."""
    location_id = session.scalar(
        select(Location.id).where(Location.warehouse_id.is_(None), Location.type == loc_type)
    )
    if location_id is None:
        raise LookupError(f"the {loc_type} location is missing; run `waredesk db upgrade`")
    return location_id
