from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        template = "newsroom/blocks/image.html"
        icon = "image"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        template = "newsroom/blocks/quote.html"
        icon = "openquote"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        template = "newsroom/blocks/fact_box.html"
        icon = "list-ul"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol", "h2", "h3"],
        template="newsroom/blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    video = EmbedBlock(help_text="A video URL (YouTube, Vimeo, ...).", icon="media")
    embed = EmbedBlock()
