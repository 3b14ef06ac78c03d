"""Demo lab rules, bookings and mentorships: the part of the demo seeder for issue 13's journeys."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from incubator.demo import data
from incubator.extensions import db
from incubator.labs.models import Booking, ClosedDate, Lab, Machine, OpeningHours, Training
from incubator.labs.rules import to_utc
from incubator.mentors.models import ContactCard, MentorMeeting, MentorSession, Mentorship


class BookingSeeds:
    """Seeding steps mixed into DemoSeeder (its `ensure`, `user`, `startup`, `days`, `today`, `created`)."""

    def lab(self, name: str) -> Lab:
        """The lab called `name`."""
        return db.session.scalar(select(Lab).filter_by(name=name))

    def weekday_in(self, offset: int) -> date:
        """The first Monday–Friday on or after `offset` days from the seeding day."""
        day = self.days(offset)
        return day + timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day

    def seed_lab_rules(self) -> None:
        """Opening hours, approval and training rules, machines, closed dates and trained users of the demo
        labs."""
        self.seed_machines()
        for name, hours in data.LAB_HOURS.items():
            lab = self.lab(name)
            for weekday, opens, closes in hours:
                key = {"lab_id": lab.id, "weekday": weekday}
                self.ensure(
                    OpeningHours,
                    key,
                    opens_at=time.fromisoformat(opens),
                    closes_at=time.fromisoformat(closes),
                )
        if self.created["OpeningHours"]:  # set once, with the hours: a manager's later edits stay
            for name, rules in data.LAB_RULES.items():
                for field, value in rules.items():
                    setattr(self.lab(name), field, value)
            self.seed_closed_dates()
            self.seed_trainings()

    def seed_machines(self) -> None:
        """The machines of the demo labs, each booked on its own."""
        for name, machine, needs_training, description in data.LAB_MACHINES:
            key = {"lab_id": self.lab(name).id, "name": machine}
            self.ensure(Machine, key, needs_training=needs_training, description=description, bookable=True)

    def next_tet(self) -> date:
        """The first day of the next Tết listed in the data (the last one once all have passed)."""
        return next((day for day in data.TET_DAYS if day >= self.today), data.TET_DAYS[-1])

    def seed_closed_dates(self) -> None:
        """The labs closed for the first three days of the next Tết."""
        tet = self.next_tet()
        for name in data.LAB_CLOSED_FOR_TET:
            for n in range(3):
                key = {"lab_id": self.lab(name).id, "day": tet + timedelta(days=n)}
                self.ensure(ClosedDate, key, note=f"Tết Nguyên Đán (mùng {n + 1})")

    def seed_trainings(self) -> None:
        """Users a lab's manager marked trained on equipment that needs training."""
        for name, email, equipment in data.LAB_TRAININGS:
            key = {"lab_id": self.lab(name).id, "user_id": self.user(email).id, "equipment": equipment}
            self.ensure(Training, key)

    def seed_bookings(self) -> None:
        """Approved and waiting bookings in the coming days."""
        for spec in data.BOOKINGS:
            day, (start, end) = self.weekday_in(spec["in_days"]), spec["hours"]
            lab = self.lab(spec["lab"])
            machine = next((m for m in lab.machines if m.name == spec.get("machine")), None)
            key = {
                "lab_id": lab.id,
                "requester_id": self.user(spec["requester"]).id,
                "purpose": spec["purpose"],
            }
            self.ensure(
                Booking,
                key,
                starts_at=to_utc(datetime.combine(day, time(start))),
                ends_at=to_utc(datetime.combine(day, time(end))),
                status=spec["status"],
                equipment=spec.get("equipment", ""),
                machine_id=machine.id if machine else None,
                people=spec.get("people", 1),
            )

    def seed_mentorships(self) -> None:
        """An active mentorship with logged sessions and a request waiting for its mentor."""
        for spec in data.MENTORSHIPS:
            startup = self.startup(spec["startup"])
            key = {"mentor_id": self.user(spec["mentor"]).id, "startup_id": startup.id}
            mentorship = self.ensure(
                Mentorship, key, founder_id=startup.owner_id, status=spec["status"], message=spec["message"]
            )
            for offset, minutes, notes, private in spec["sessions"]:
                session_key = {"mentorship_id": mentorship.id, "held_on": self.days(offset)}
                self.ensure(
                    MentorSession, session_key, duration_minutes=minutes, notes=notes, private_notes=private
                )
            for offset, hour, minutes, place, note, status, side in spec.get("meetings", ()):
                proposer = mentorship.mentor_id if side == "mentor" else startup.owner_id
                starts_at = to_utc(datetime.combine(self.days(offset), time(hour)))
                meeting_key = {"mentorship_id": mentorship.id, "starts_at": starts_at}
                self.ensure(MentorMeeting, meeting_key, proposed_by_id=proposer, duration_minutes=minutes,
                            place=place, note=note, status=status)  # fmt: skip
        for email, card in data.CONTACT_CARDS.items():
            self.ensure(ContactCard, {"user_id": self.user(email).id}, **card)
