"""Checks on the files youths upload (evidence, CVs and other documents).

CONVENTIONS.md: check size, check the type by content (never by the name or the browser's
word), strip metadata from images. A photo taken on a phone carries the place it was taken
(GPS), the phone's model and the time: re-encoding it through Pillow keeps only the pixels,
with the phone's rotation applied. A PDF must start like one and be readable by pypdf, and
must not carry scripts or launch actions (mentors and recruiters open these files).

Each rejection raises ``UploadRejected`` with a message in plain words, for the page.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Bigger pictures are reduced: a phone photo of a poster needs no more to be read.
MAX_IMAGE_SIDE = 2400
#: Decompression bombs (a tiny file that unpacks to gigabytes) stop here.
MAX_IMAGE_PIXELS = 50_000_000

IMAGE = "image"
PDF = "pdf"

_IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
#: PDF names whose presence means the file can run something when opened.
_PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


class UploadRejected(Exception):
    """An upload that cannot be kept; ``message`` says why, for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: the bytes to store (cleaned), and what they are."""

    kind: str  # IMAGE or PDF
    content: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.content)

    def random_name(self) -> str:
        """A stored name that says nothing of the person or of the original name."""
        return f"{secrets.token_urlsafe(18)}.{self.extension}"


def check_upload(
    upload: UploadedFile, *, allowed: frozenset[str] = frozenset({IMAGE, PDF})
) -> CheckedFile:
    """Check an uploaded file and return the cleaned bytes to store.

    Raises ``UploadRejected``: empty, bigger than 10 MB, neither a JPEG/PNG/WebP image nor a
    PDF whatever its name says, unreadable, or a PDF with active content.
    """
    size = upload.size or 0
    if size == 0:
        raise UploadRejected(_("This file is empty. Choose the file again."))
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected(
            _("This file is %(size)s: the limit is %(limit)s. Send a smaller file.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    upload.seek(0)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:  # the declared size lied
        raise UploadRejected(
            _("This file is bigger than %(limit)s. Send a smaller file.")
            % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    if not content:
        raise UploadRejected(_("This file is empty. Choose the file again."))

    if content.startswith(b"%PDF-"):
        if PDF not in allowed:
            raise UploadRejected(_("Only photos (JPEG, PNG or WebP) are accepted here."))
        return _checked_pdf(content)
    if IMAGE in allowed:
        image = _checked_image(content)
        if image is not None:
            return image
    if allowed == frozenset({IMAGE}):
        raise UploadRejected(_("This file is not a photo. Send a JPEG, PNG or WebP picture."))
    raise UploadRejected(
        _(
            "This file is neither a photo (JPEG, PNG, WebP) nor a PDF, whatever its name "
            "says. Send a photo or a PDF."
        )
    )


def _checked_pdf(content: bytes) -> CheckedFile:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRejected(
                _("This PDF is protected by a password. Send it without the password.")
            )
        if len(reader.pages) == 0:
            raise UploadRejected(_("This PDF has no page."))
    except UploadRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise UploadRejected(
            _("This PDF is damaged or is not a real PDF. Save it again and send it.")
        ) from None
    # Compressed object streams could hide these names from a byte search, so ask pypdf too.
    catalog = reader.trailer.get("/Root", {})
    names = catalog.get("/Names", {}) if hasattr(catalog, "get") else {}
    has_active_names = hasattr(names, "get") and (
        names.get("/JavaScript") is not None or names.get("/EmbeddedFiles") is not None
    )
    open_action = catalog.get("/OpenAction") if hasattr(catalog, "get") else None
    if (
        any(marker in content for marker in _PDF_ACTIVE_CONTENT)
        or has_active_names
        or (hasattr(open_action, "get") and open_action.get("/S") in ("/JavaScript", "/Launch"))
    ):
        raise UploadRejected(
            _(
                "This PDF contains a script or an attached file, which we do not accept. "
                "Print it again as a PDF (“Print”, then “Save as PDF”) and "
                "send it."
            )
        )
    return CheckedFile(kind=PDF, content=content, content_type="application/pdf", extension="pdf")


def _checked_image(content: bytes) -> CheckedFile | None:
    """The image re-encoded without metadata, or ``None`` if the bytes are no image we take."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(content))
            image_format = probe.format
            if image_format not in _IMAGE_FORMATS:
                return None
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise UploadRejected(_("This picture is too large. Send a smaller photo."))
            probe.verify()
            # verify() leaves the image unusable: open it again to decode the pixels.
            image = Image.open(io.BytesIO(content))
            image.load()
    except UploadRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadRejected(_("This picture is too large. Send a smaller photo.")) from None
    except UnidentifiedImageError:
        return None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise UploadRejected(
            _("This picture is damaged. Take the photo again or send another file.")
        ) from None

    content_type, extension = _IMAGE_FORMATS[image_format]
    return CheckedFile(
        kind=IMAGE,
        content=_without_metadata(image, image_format),
        content_type=content_type,
        extension=extension,
    )


def _without_metadata(image: Image.Image, image_format: str) -> bytes:
    """The pixels only: rotation from EXIF applied, then EXIF, GPS, XMP, comments and text
    chunks dropped (Pillow copies some of ``info`` into the new file, so it is emptied)."""
    upright = ImageOps.exif_transpose(image) or image
    if getattr(upright, "n_frames", 1) > 1:
        upright.seek(0)
    icc_profile = image.info.get("icc_profile")  # colours, not personal data
    transparency = image.info.get("transparency")
    clean = upright.copy()
    clean.info = {}
    if max(clean.size) > MAX_IMAGE_SIDE:
        clean.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    options: dict[str, object] = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        options.update(quality=88, optimize=True)
    elif image_format == "PNG":
        if clean.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            clean = clean.convert("RGBA")
        options.update(optimize=True)
        if transparency is not None:
            options["transparency"] = transparency
    elif image_format == "WEBP":
        if clean.mode not in ("RGB", "RGBA"):
            clean = clean.convert("RGBA" if "A" in clean.mode else "RGB")
        options.update(quality=85)
    output = io.BytesIO()
    clean.save(output, format=image_format, **options)
    return output.getvalue()
