"""Masthead as an installable web app: the manifest, the service worker that
keeps the site's shell and the last articles a reader opened for offline
reading, the offline page, and the App page that says how to install it."""
