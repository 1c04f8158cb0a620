"""What readers send and receive: comments, the newsletter and its digests,
subscriptions, feedback and contact messages, and the installable app."""
