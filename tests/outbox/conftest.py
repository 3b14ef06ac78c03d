"""The test SMTP server of tests/notifications, for the e-mail sent after an outage."""

from tests.notifications.conftest import smtp, smtp_server  # noqa: F401 (shared fixtures)
