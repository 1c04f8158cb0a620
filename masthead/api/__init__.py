"""How stories travel: feeds, sitemaps, structured data and the partners' read API (ninjs out)."""
