"""Command-line entry points (`flask seed-demo`, `flask create-user`, `flask matching …`, `flask glossary
mine`): thin wrappers."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup

from incubator.accounts.models import ROLES
from incubator.errors import DomainError


def register_commands(app: Flask) -> None:
    """Attach the project's commands to `flask`."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(matching_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(glossary_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(idempotency_cli)
    app.shell_context_processor(shell_context)


def shell_context() -> dict:
    """What `flask shell` starts with: `db` and every model by name."""
    from incubator import models
    from incubator.extensions import db

    return {"db": db, **{name: getattr(models, name) for name in models.__all__}}


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Load the Binh Duong demo data (idempotent; refused in production)."""
    from incubator.demo.seed import seed_demo, seed_demo_candidates, seed_demo_run
    from incubator.extensions import db
    from incubator.search.index import reindex

    try:
        created = {**seed_demo(), **seed_demo_run(), **seed_demo_candidates()}
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    reindex(db.session)  # a database older than the search index gets its entries (new rows have them)
    summary = ", ".join(f"{name}: {n}" for name, n in created.items() if n) or "nothing new"
    click.echo(f"Demo data ready ({summary}).")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--language", type=click.Choice(["vi", "en"]), default="vi")
@click.password_option()
def create_user_command(email: str, full_name: str, role: str, language: str, password: str) -> None:
    """Create an account with any role (staff, government and admin are created this way)."""
    from incubator.accounts.services import create_user, find_user_by_email

    if find_user_by_email(email):
        raise click.ClickException(f"An account with {email} already exists.")
    if len(password) < 10:
        raise click.ClickException("The password needs at least 10 characters.")
    user = create_user(email, password, full_name, role, language, verified=True)  # made by an operator
    click.echo(f"Created {user.role} {user.email}.")


matching_cli = AppGroup("matching", help="Matching runs: start one, follow it, queue flagged profiles.")


def describe(status: dict) -> str:
    """One line about a run."""
    line = f"run {status['id']}: {status['status']} {status['done']}/{status['total']} ({status['percent']}%)"
    return line + (f" — {status['error']}" if status["error"] else "")


@matching_cli.command("run")
@click.option("--wait", is_flag=True, help="Print progress until the run ends; exit 1 if it fails.")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between progress lines.")
def matching_run_command(wait: bool, interval: float) -> None:
    """Start a full matching run on the workers."""
    from incubator.extensions import db
    from incubator.matching import services

    try:
        run = services.start_run(None)
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Started matching run {run.id}.")
    while wait:
        time.sleep(interval)
        db.session.expire_all()
        services.refresh_stale_runs()
        status = services.run_status(services.get_run(run.id))
        click.echo(describe(status))
        if status["finished"]:
            raise SystemExit(0 if status["status"] == "done" else 1)


@matching_cli.command("status")
def matching_status_command() -> None:
    """Show the latest runs and how many saved profiles wait for a match."""
    from incubator.matching import incremental, services

    for run in services.list_runs(limit=10):
        click.echo(describe(services.run_status(run)))
    click.echo(f"{incremental.pending_count()} saved profile(s) wait for their incremental match.")


@matching_cli.command("sweep")
def matching_sweep_command() -> None:
    """Queue again lost shards and profile matches (not queued, or lost); mark stale runs failed."""
    from incubator.matching.tasks import sweep

    swept = sweep.run()  # what the periodic task does, here and now
    click.echo(f"Queued again {swept['lost_shards']} shard(s) whose worker went silent.")
    click.echo(f"Marked {swept['stale_runs']} stale run(s) failed.")
    click.echo(f"Queued {swept['requeued']} flagged profile(s).")


notifications_cli = AppGroup("notifications", help="Notification e-mail.")


@notifications_cli.command("resend")
@click.option("--days", default=7, show_default=True, help="Only notifications this recent.")
def notifications_resend_command(days: int) -> None:
    """Queue again the e-mail of notifications never sent (mail retries spent); the outbox covers outages."""
    from incubator.notifications import services

    click.echo(f"Queued {services.queue_unsent(days)} notification e-mail(s).")


glossary_cli = AppGroup("glossary", help="The matching glossary.")


@glossary_cli.command("mine")
def glossary_mine_command() -> None:
    """Read candidate English ↔ Vietnamese pairs from bilingual profiles for staff to accept or reject."""
    from incubator.glossary.tasks import mine

    counts = mine.run()  # what the periodic task does, here and now
    click.echo(
        f"Suggested {counts['added']} new pair(s); {counts['refreshed']} still pending, "
        f"{counts['dropped']} no longer found."
    )


search_cli = AppGroup("search", help="Search across languages: the index of every catalogue's text.")


@search_cli.command("reindex")
def search_reindex_command() -> None:
    """Rebuild the search entries of every record (after an upgrade or a glossary change)."""
    from incubator.extensions import db
    from incubator.search.index import reindex

    counts = reindex(db.session)
    click.echo("Search entries: " + (", ".join(f"{kind}: {n}" for kind, n in counts.items()) or "none"))


outbox_cli = AppGroup("outbox", help="Tasks written by requests, waiting for the broker.")


@outbox_cli.command("relay")
@click.option("--every", default=0.0, help="Keep relaying, every this many seconds (0: once).")
def outbox_relay_command(every: float) -> None:
    """Send the pending outbox rows to the broker (what the beat does every few seconds)."""
    from incubator.outbox import services

    while True:
        sent = services.relay()
        click.echo(f"Sent {sent} task(s); {services.pending_count()} wait for the broker.")
        if every <= 0:
            return
        time.sleep(every)


idempotency_cli = AppGroup("idempotency", help="The keys that make a form sent twice act once.")


@idempotency_cli.command("purge")
def idempotency_purge_command() -> None:
    """Delete the idempotency keys older than a day (the beat does it every hour)."""
    from incubator.idempotency.services import purge_expired

    click.echo(f"Deleted {purge_expired()} expired idempotency key(s).")
