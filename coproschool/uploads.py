"""An upload handler that keeps no more than FILE_UPLOAD_MAX_BYTES of any one uploaded file.

Django limits the size of a request's form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not of its files:
a 30 MB photo would be written to a temporary file whole. This handler goes first in
FILE_UPLOAD_HANDLERS and counts each file as it arrives; past the limit it passes nothing on to the
handlers after it, and the file reaches the form as an `OversizedUpload`: empty, with the size it
really had, so the form's own size check refuses it with its own words instead of a 500 or a vague
"required".
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """A file that was larger than the limit: its name and size, and no content."""

    def __init__(self, *, name: str, content_type: str, size: int, charset=None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size, charset=charset)


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            return None  # the handlers after this one keep nothing more of this file
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            return OversizedUpload(
                name=self.file_name, content_type=self.content_type, size=self.received, charset=self.charset
            )
        return None  # within the limit: the next handler (memory or temporary file) has it all
