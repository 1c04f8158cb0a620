"""RSS 2.0 and Atom feeds of the site, its sections, regions, special reports
and people (views.py), where they live (paths.py) and what each holds
(scopes.py, entries.py)."""
