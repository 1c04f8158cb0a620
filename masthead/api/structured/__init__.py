"""What search engines and social networks read from a page's head: schema.org
JSON-LD (`NewsArticle`, `CollectionPage`, `WebSite`) and Open Graph / Twitter
card tags.

Builders return plain dicts and lists (tested on their own); the template tag
library `structured_data` (masthead/api/templatetags/structured_data.py) writes
them out. Nothing here makes an image rendition while a reader waits: the
share crops are made by the worker (`tasks.py`).
"""
