"""In-app notifications for users."""
