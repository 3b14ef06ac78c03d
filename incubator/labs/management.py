"""What a lab's managers set: its booking rules (hours, closed dates, limits), machines and who is trained."""

from __future__ import annotations

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import lock_for_writing
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.labs.models import Booking, ClosedDate, Lab, Machine, OpeningHours, Training
from incubator.organizations.models import ACTIVE, Membership

RULE_FIELDS = (
    "approval_required",
    "min_slot_minutes",
    "max_slot_minutes",
    "book_ahead_days",
    "training_equipment",
)


class TrainingRefused(DomainError):
    """The training mark cannot be given."""


def rules_data(lab: Lab) -> dict:
    """The lab's current rules as the rules form's data."""
    data = {name: getattr(lab, name) for name in RULE_FIELDS}
    for hours in lab.hours:
        data[f"opens_{hours.weekday}"], data[f"closes_{hours.weekday}"] = hours.opens_at, hours.closes_at
    data["closed_dates"] = "\n".join(f"{c.day.isoformat()} {c.note}".strip() for c in lab.closed_dates)
    return data


def update_rules(lab: Lab, data: dict, hours: dict, closed: dict, actor_id: int) -> Lab:
    """Replace the lab's limits, opening hours per weekday and closed dates; audited."""
    for name in RULE_FIELDS:
        setattr(lab, name, data[name] if data[name] is not None else "")
    lab.hours, lab.closed_dates = [], []
    db.session.flush()  # old rows go first: a flush inserts before it deletes; (lab, weekday/day) is unique
    lab.hours = [OpeningHours(weekday=day, opens_at=o, closes_at=c) for day, (o, c) in sorted(hours.items())]
    lab.closed_dates = [ClosedDate(day=day, note=note) for day, note in sorted(closed.items())]
    db.session.flush()
    record(actor_id, "lab.rules_updated", lab, weekdays=sorted(hours), closed=len(closed))
    db.session.commit()
    return lab


def trainable_user(lab: Lab, email: str) -> User | None:
    """The user with `email` if they asked to book `lab` or actively belong to its organization, else None.

    Any other address, registered or not, gives None: the form never tells who has an account."""
    asked = select(Booking.id).where(Booking.lab_id == lab.id, Booking.requester_id == User.id)
    member = select(Membership.id).where(
        Membership.user_id == User.id,
        Membership.organization_id == lab.organization_id,
        Membership.status == ACTIVE,
    )
    query = select(User).where(
        func.lower(User.email) == email.strip().lower(), or_(asked.exists(), member.exists())
    )
    return db.session.scalar(query)


def mark_trained(lab: Lab, email: str, equipment: str, actor_id: int) -> Training:
    """Record that the user with `email` (see `trainable_user`) is trained on `equipment` of `lab` (once)."""
    if equipment not in lab.training_items:
        raise TrainingRefused(N_("This equipment does not need training."))
    user = trainable_user(lab, email)
    if user is None:
        raise TrainingRefused(
            N_(
                "This address cannot be marked trained here: only people who asked to book this lab "
                "or active members of its organization can be."
            )
        )
    query = select(Training).where(
        Training.lab_id == lab.id, Training.user_id == user.id, Training.equipment == equipment
    )
    training = db.session.scalar(query)
    if training is None:
        training = Training(lab_id=lab.id, user_id=user.id, equipment=equipment)
        db.session.add(training)
        db.session.flush()
        record(actor_id, "lab.training_marked", training, user_id=user.id, equipment=equipment)
        db.session.commit()
    return training


def revoke_training(training: Training, actor_id: int) -> None:
    """Remove a training mark; audited."""
    record(actor_id, "lab.training_revoked", training, user_id=training.user_id, equipment=training.equipment)
    db.session.delete(training)
    db.session.commit()


def trainings_of(lab: Lab) -> list[Training]:
    """Who is trained on what in `lab`, by equipment."""
    query = select(Training).where(Training.lab_id == lab.id).options(selectinload(Training.user))
    return list(db.session.scalars(query.order_by(Training.equipment, Training.id)))


MACHINE_FIELDS = ("name", "description", "needs_training", "bookable")


def save_machine(lab: Lab, machine: Machine | None, data: dict, actor_id: int) -> Machine:
    """Add a machine to `lab` or change one of its machines; audited.

    Training on a machine is recorded under its name: a new name carries its trained users along."""
    lock_for_writing(db.session)
    if machine is None:
        machine = Machine(lab=lab)
        db.session.add(machine)
        action = "lab.machine_added"
    else:
        action = "lab.machine_updated"
        if machine.name != data["name"]:
            rename = update(Training).where(Training.lab_id == lab.id, Training.equipment == machine.name)
            db.session.execute(rename.values(equipment=data["name"]))
    for name in MACHINE_FIELDS:
        setattr(machine, name, data[name] if data[name] is not None else "")
    db.session.flush()
    record(actor_id, action, machine, lab_id=lab.id, name=machine.name)
    db.session.commit()
    return machine
