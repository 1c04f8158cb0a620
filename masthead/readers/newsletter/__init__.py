"""The newsletter: double opt-in sign-up, the daily digest, breaking-news
alerts, one-click unsubscribe and the preferences page (readers/README.md)."""
