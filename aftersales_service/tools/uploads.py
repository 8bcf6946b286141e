"""Files a customer sends with a request, from the portal form or a scanned label:
read with limits before anything is written, then posted on the record as the
customer's message (PRT-2, PRT-4)."""

from odoo.tools.mimetypes import guess_mimetype

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # bytes, per file
MAX_ATTACHMENTS = 5
# photos only from an anonymous page: no SVG (it can carry scripts), no documents
IMAGE_MIMETYPES = frozenset(
    {"image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif"}
)


def read_uploads(env, files, errors, images_only=False):
    """``[(filename, content)]`` of the uploaded ``files``, or ``[]`` with
    ``errors["attachments"]`` set: too many, too large, or (``images_only``) not a
    photo. The type is read from the content, never from the name or the browser."""
    files = [file for file in files if file and file.filename]
    if len(files) > MAX_ATTACHMENTS:
        errors["attachments"] = env._("Attach at most %(count)s files.", count=MAX_ATTACHMENTS)
        return []
    uploads = []
    for file in files:
        content = file.read(MAX_ATTACHMENT_SIZE + 1)
        if len(content) > MAX_ATTACHMENT_SIZE:
            errors["attachments"] = env._(
                "%(file)s is larger than %(size)s MB.",
                file=file.filename,
                size=MAX_ATTACHMENT_SIZE // (1024 * 1024),
            )
            return []
        if images_only and guess_mimetype(content) not in IMAGE_MIMETYPES:
            errors["attachments"] = env._("%(file)s is not a photo.", file=file.filename)
            return []
        uploads.append((file.filename, content))
    return uploads


def attach(record, uploads, author):
    """Post the uploads on the record as ``author``'s message. They are handed to
    ``message_post`` as contents: existing attachments given to it by a portal user
    are dropped from the message (only pending composer uploads are kept), so the
    files used to sit on the request without showing on its page. The file type is
    read from the contents, not taken from the browser."""
    if not uploads:
        return
    record.message_post(
        body=record.env._("Files from the customer."),
        attachments=uploads,
        author_id=author.id,
        message_type="comment",
        subtype_xmlid="mail.mt_comment",
    )
