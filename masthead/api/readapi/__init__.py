"""The partners' read API: live articles as ninjs 2.x JSON at /api/v1/.

keys.py holds who may call (hashed API keys, rate limits, licensed sources),
ninjs.py what an article looks like on the wire, views.py the endpoints and
openapi.py their description. See masthead/api/README.md.
"""
