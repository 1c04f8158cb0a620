"""Feedback and contact: what readers write to the newsroom.

Stored first (an inbox in the admin, routed by topic to the desk that owns
it, see desks.py), then mailed to that desk by the worker (mail.py). The forms
sit on cached pages and post without a CSRF token to endpoints guarded by an
Origin check, a honeypot and rate limits (guard.py).
"""
