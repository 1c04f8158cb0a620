"""WeasyPrint, loaded only when an edition is rendered.

Importing WeasyPrint sets Pillow's process-wide `ImageFile.LOAD_TRUNCATED_IMAGES`
to True, which would make every process that loads the epaper app (the web
server included) accept damaged image uploads that the media checks refuse.
So it is imported on first use, with Pillow's setting put back at once.
"""

from PIL import ImageFile


def render_document(html: str):
    """WeasyPrint's laid-out document (pages, then `write_pdf()`)."""
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        # Deferred: importing weasyprint changes Pillow's global setting (above).
        from weasyprint import HTML
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return HTML(string=html).render()
