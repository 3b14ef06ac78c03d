"""Command-line entry points (`flask seed-demo`, `flask create-user`): thin wrappers over services."""

from __future__ import annotations

import click
from flask import Flask

from incubator.accounts.models import ROLES
from incubator.errors import DomainError


def register_commands(app: Flask) -> None:
    """Attach the project's commands to `flask`."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Load the Binh Duong demo data (idempotent; refused in production)."""
    from incubator.demo.seed import seed_demo

    try:
        created = seed_demo()
    except DomainError as error:
        raise click.ClickException(str(error)) from error
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
    user = create_user(email, password, full_name, role, language)
    click.echo(f"Created {user.role} {user.email}.")
