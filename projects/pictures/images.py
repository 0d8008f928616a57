"""Turn an uploaded file into a safe picture, or refuse it with words a pupil understands.

The file is judged by its content, never its name or the type the browser claims: Pillow must
recognise it as a JPEG, PNG or WebP and decode every pixel. A picture bigger than `MAX_PIXELS` is
refused before it is decoded (a "decompression bomb" is a small file that decodes to gigabytes).
What is kept is a new JPEG drawn from the pixels alone, so EXIF, location and any hidden payload
are left behind, turned the way the camera meant, and no larger than `LONGEST_SIDE`.
"""

import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from projects.errors import ProjectError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 by 5000: beyond any phone camera
LONGEST_SIDE = 1600
THUMB_SIDE = 480
# Pillow's JPEG opener also reads the MPO files some phones write (a JPEG with a depth frame).
FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 85

TOO_BIG = "This picture is bigger than 8 MB. Take it again at a smaller size, or choose another one."
NOT_A_PICTURE = "This file is not a picture we can use. Choose a photo or a drawing saved as JPEG, PNG or WebP."
TOO_MANY_PIXELS = "This picture is far too large to open safely. Choose a smaller one."


class PictureRejected(ProjectError):
    """The upload is not a picture we keep; the message says what to do instead."""


@dataclass(frozen=True)
class CleanPicture:
    full: bytes
    thumbnail: bytes
    width: int
    height: int
    content_type: str = "image/jpeg"
    extension: str = "jpg"


def _flatten(image: Image.Image) -> Image.Image:
    """A new RGB image of the pixels only (transparent parts on white): no metadata comes along."""
    image = ImageOps.exif_transpose(image)
    rgba = image.convert("RGBA")
    clean = Image.new("RGB", rgba.size, "white")
    clean.paste(rgba, mask=rgba.getchannel("A"))
    return clean


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def picture_clean(upload) -> CleanPicture:
    """Check `upload` (a file object with `.size`) and return its re-encoded picture and thumbnail.

    Raises PictureRejected for anything that is not a whole JPEG, PNG or WebP within the limits.
    """
    if upload.size > MAX_BYTES:
        raise PictureRejected(TOO_BIG)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat the warning as the error it is.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=FORMATS) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PictureRejected(TOO_MANY_PIXELS)
                image.load()
                clean = _flatten(image)
    except PictureRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureRejected(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError):
        # Not an image, a truncated or corrupt one, or one Pillow cannot decode.
        raise PictureRejected(NOT_A_PICTURE) from None
    clean.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return CleanPicture(full=_jpeg(clean), thumbnail=_jpeg(thumb), width=clean.width, height=clean.height)
